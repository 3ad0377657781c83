package io.tributary.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A tiny authoritative DNS server on loopback UDP for the tests: answers TXT queries from records the test publishes,
 * NXDOMAIN for everything else. The server under test is pointed at it through {@code tributary.dns.server}.
 */
public final class TestDns implements AutoCloseable {

    /** Where the test stack's server looks up domain proofs. */
    public static final int PORT = 25353;

    private final DatagramSocket socket;
    private final Map<Name, List<String>> txt = new ConcurrentHashMap<>();
    private final Thread loop;

    public TestDns() throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), PORT));
        loop = new Thread(this::serve, "test-dns");
        loop.setDaemon(true);
        loop.start();
    }

    public String address() {
        return "127.0.0.1:" + PORT;
    }

    /** Publishes (or replaces) the TXT strings of a name. */
    public void publishTxt(String name, String... values) {
        txt.put(name(name), List.of(values));
    }

    public void remove(String name) {
        txt.remove(name(name));
    }

    private static Name name(String name) {
        try {
            return Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private void serve() {
        byte[] buffer = new byte[4096];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                Record question = query.getQuestion();
                Message answer = new Message(query.getHeader().getID());
                answer.getHeader().setFlag(Flags.QR);
                answer.getHeader().setFlag(Flags.AA);
                if (query.getHeader().getFlag(Flags.RD)) {
                    answer.getHeader().setFlag(Flags.RD);
                }
                answer.addRecord(question, Section.QUESTION);
                List<String> values = question == null ? null : txt.get(question.getName());
                if (values != null && question.getType() == Type.TXT) {
                    answer.addRecord(new TXTRecord(question.getName(), DClass.IN, 1, values), Section.ANSWER);
                } else {
                    answer.getHeader().setRcode(Rcode.NXDOMAIN);
                }
                byte[] wire = answer.toWire();
                socket.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
