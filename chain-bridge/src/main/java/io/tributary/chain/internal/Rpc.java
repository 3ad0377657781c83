package io.tributary.chain.internal;

import io.tributary.chain.ChainRequestException;
import io.tributary.chain.ChainUnavailableException;
import java.io.IOException;
import java.util.List;
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;

/** Sends JSON-RPC requests, turning "no answer" and "error answer" into the two exceptions callers act on. */
public final class Rpc {
    private Rpc() {}

    /** A response whose result is left as parsed JSON (for node-specific methods such as evm_snapshot). */
    public static final class AnyResponse extends Response<Object> {}

    /** Sends and returns the response, error or not. */
    public static <T extends Response<?>> T sendRaw(Request<?, T> request) {
        try {
            return request.send();
        } catch (IOException e) {
            throw new ChainUnavailableException("JSON-RPC " + request.getMethod() + " got no answer: " + e, e);
        }
    }

    /** Sends and fails with {@link ChainRequestException} when the node answers with an error. */
    public static <T extends Response<?>> T send(Request<?, T> request) {
        T response = sendRaw(request);
        if (response.hasError()) {
            throw new ChainRequestException("JSON-RPC " + request.getMethod() + " failed: "
                    + response.getError().getMessage()
                    + (response.getError().getData() == null
                            ? ""
                            : " " + response.getError().getData()));
        }
        return response;
    }

    public static Object call(Web3jService service, String method, List<?> params) {
        return send(new Request<>(method, params, service, AnyResponse.class)).getResult();
    }
}
