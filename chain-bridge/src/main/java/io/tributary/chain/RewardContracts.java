package io.tributary.chain;

import io.tributary.chain.internal.contracts.PayoutBatcher;
import io.tributary.chain.internal.contracts.ProvenanceRegistry;
import io.tributary.chain.internal.contracts.RewardToken;
import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** Deploys RewardToken, PayoutBatcher and ProvenanceRegistry, and performs their admin operations (mint, roles). */
public final class RewardContracts {
    /** keccak256("MINTER_ROLE"), as in RewardToken. */
    public static final Bytes32 MINTER_ROLE = Bytes32.keccakOf("MINTER_ROLE");
    /** keccak256("ANCHORER_ROLE"), as in ProvenanceRegistry. */
    public static final Bytes32 ANCHORER_ROLE = Bytes32.keccakOf("ANCHORER_ROLE");

    private final AdminSender sender;

    public RewardContracts(ChainClient client) {
        this.sender = new AdminSender(client);
    }

    /** Deploys all three contracts; {@code admin} holds every admin, minter and anchorer role afterwards. */
    public DeployedContracts deploy(SigningKey admin, String tokenName, String tokenSymbol) {
        Address adminAddress = new Address(admin.address().hex());
        TransactionReceipt token = create(
                admin,
                RewardToken.BINARY
                        + FunctionEncoder.encodeConstructor(
                                List.of(new Utf8String(tokenName), new Utf8String(tokenSymbol), adminAddress)));
        TransactionReceipt batcher = create(admin, PayoutBatcher.BINARY);
        TransactionReceipt registry =
                create(admin, ProvenanceRegistry.BINARY + FunctionEncoder.encodeConstructor(List.of(adminAddress)));
        return new DeployedContracts(
                EvmAddress.of(token.getContractAddress()),
                EvmAddress.of(batcher.getContractAddress()),
                EvmAddress.of(registry.getContractAddress()),
                token.getBlockNumber().longValueExact());
    }

    public ReceiptState mint(SigningKey minter, EvmAddress token, EvmAddress to, BigInteger amount) {
        Function mint =
                new Function(RewardToken.FUNC_MINT, List.of(new Address(to.hex()), new Uint256(amount)), List.of());
        return sender.send(minter, token, FunctionEncoder.encode(mint));
    }

    /** Grants a role (for example {@link #MINTER_ROLE}) on the token or the registry; the caller must be its admin. */
    public ReceiptState grantRole(SigningKey admin, EvmAddress contract, Bytes32 role, EvmAddress account) {
        Function grant = new Function(
                RewardToken.FUNC_GRANTROLE,
                List.of(new org.web3j.abi.datatypes.generated.Bytes32(role.toBytes()), new Address(account.hex())),
                List.of());
        return sender.send(admin, contract, FunctionEncoder.encode(grant));
    }

    private TransactionReceipt create(SigningKey admin, String creationCode) {
        return sender.sendAndWait(admin, null, "0x" + creationCode);
    }
}
