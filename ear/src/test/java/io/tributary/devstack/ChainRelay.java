package io.tributary.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP relay between the server and the dev chain that a test can cut, so the server sees its chain node go
 * down (connections refused mid-payout) while the chain itself keeps its state.
 */
public final class ChainRelay implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean up = true;

    public ChainRelay(URI target) throws IOException {
        this.targetPort = target.getPort();
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "chain-relay");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    /** Drops every connection and refuses new ones until {@link #restore()}. */
    public void cut() {
        up = false;
        open.forEach(ChainRelay::closeQuietly);
        open.clear();
    }

    public void restore() {
        up = true;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (!up) {
                    closeQuietly(client);
                    continue;
                }
                Socket node = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                open.add(client);
                open.add(node);
                pipe(client, node);
                pipe(node, client);
            } catch (IOException e) {
                // listener closed, or the node refused: the client sees its connection end
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread copier = new Thread(
                () -> {
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        in.transferTo(out);
                    } catch (IOException e) {
                        // one side closed
                    } finally {
                        closeQuietly(from);
                        closeQuietly(to);
                        open.remove(from);
                        open.remove(to);
                    }
                },
                "chain-relay-pipe");
        copier.setDaemon(true);
        copier.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        cut();
        try {
            listener.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
