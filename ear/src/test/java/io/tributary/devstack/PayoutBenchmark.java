package io.tributary.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.application.Settings;
import io.tributary.chain.AdminSender;
import io.tributary.chain.ChainClient;
import io.tributary.chain.ChainEndpoint;
import io.tributary.chain.ContractCall;
import io.tributary.chain.EvmAddress;
import io.tributary.chain.RewardContracts;
import io.tributary.chain.dev.DevChain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.web3j.crypto.Keys;

/**
 * The payout benchmark ({@code mvn -DskipTests -Pbench install}): a payout run to 10,000 members, end to end through
 * the real server, timed, verified on chain, and printed as one JSON object.
 *
 * <p>It starts its own stack on its own ports and data folder (so it runs beside the local platform): a fresh
 * PostgreSQL, the Hardhat dev chain with the reward contracts, the custody store and WildFly with the EAR and no demo
 * data. Keycloak is not started: API keys are checked by Tributary itself (sent as {@code X-Api-Key}, which WildFly's
 * OIDC mechanism leaves alone). An organization, its org admin, an API key, the members, their withdrawal addresses
 * and earnings accounts are written straight into the database; the wallet is created through the API and funded on
 * chain (TRIB minted to it, ETH for gas); once the server has credited the deposit to the treasury, posted ledger
 * transfers move each member's earnings out of the treasury. Then the payout is started through the API and followed
 * until the run completes. Progress goes to stderr, the result to stdout (and {@code result.json} in the data
 * folder).
 *
 * <p>System properties: {@code tributary.data} (the data folder), {@code wildfly.home}, {@code tributary.ear},
 * {@code tributary.chain.hardhatHome}; {@code bench.members} (default 10000) and {@code bench.timeoutMinutes} (for the
 * run itself, default 30) for experiments.
 */
public final class PayoutBenchmark {

    /** Ports of neither the run command nor the integration tests: HTTP 11080, management 12990. */
    static final Ports PORTS = new Ports(35432, 9280, 3000);

    /** The contract's measured cost per recipient that the batch size and gas limits were planned with. */
    static final int GAS_PER_RECIPIENT_TARGET = 27_000;

    private static final BigInteger TRIB = BigInteger.TEN.pow(18);
    private static final BigInteger ETH = BigInteger.TEN.pow(18);
    /** Each member earns 1.5 TRIB plus their number in base units, so that every amount is different. */
    private static final BigInteger BASE_EARNING =
            TRIB.multiply(BigInteger.valueOf(3)).divide(BigInteger.TWO);

    /** Members funded per ledger transfer: a payout batch's shape (see {@link #fundEarnings}). */
    private static final int MEMBERS_PER_SEED_TRANSFER = 200;

    private static final int GAS_FUNDER = 2;
    private static final int SAMPLE = 100;
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);
    /** No payout transaction changing state for this long means the sender is stuck (frozen, no gas, no node). */
    private static final Duration STALL = Duration.ofMinutes(3);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int memberCount;
    private final Duration runTimeout;
    private final Path data;
    private final Path wildflyLog;
    private final DevStack stack;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final SecureRandom random = new SecureRandom();

    private WildFlyServer wildfly;
    private ChainClient chainClient;
    private String apiKey;
    private UUID tenantId;
    private final List<UUID> memberIds = new ArrayList<>();
    private final List<UUID> accountIds = new ArrayList<>();
    private final Map<UUID, BigInteger> earnings = new LinkedHashMap<>();
    private BigInteger totalEarnings = BigInteger.ZERO;
    private String runId;
    private boolean stopped;

    private PayoutBenchmark(int memberCount, Duration runTimeout, Path data) {
        this.memberCount = memberCount;
        this.runTimeout = runTimeout;
        this.data = data;
        this.wildflyLog = data.resolve("wildfly.log");
        this.stack = new DevStack(PORTS, data);
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(System.getProperty("tributary.data", "target/bench-data"))
                .toAbsolutePath()
                .normalize();
        PayoutBenchmark bench = new PayoutBenchmark(
                Integer.getInteger("bench.members", 10_000),
                Duration.ofMinutes(Integer.getInteger("bench.timeoutMinutes", 30)),
                data);
        Thread hook = new Thread(bench::stop, "payout-benchmark-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            ObjectNode result = bench.run();
            String line = JSON.writeValueAsString(result);
            Files.writeString(data.resolve("result.json"), line + "\n");
            System.out.println(line);
        } finally {
            bench.stop();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
    }

    private ObjectNode run() throws Exception {
        log("Payout benchmark: " + memberCount + " members; data in " + data + ", app on " + PORTS.appUrl());
        Files.createDirectories(data);
        Files.deleteIfExists(data.resolve("result.json"));
        Files.deleteIfExists(data.resolve("payout-run.json"));
        long t = System.nanoTime();
        stack.discardServerState().startPostgres().startChain(LocalPlatform.hardhatHome());
        Path custodyStore = stack.createCustodyStore();
        DevChainDeployment chain = stack.deployment();
        chainClient = ChainClient.connect(new ChainEndpoint(chain.rpcUrl(), chain.chainId(), chain.confirmations()));
        log("PostgreSQL, dev chain (" + chain.rpcUrl() + ") and custody store ready in " + seconds(t) + " s");
        try {
            t = System.nanoTime();
            Map<String, String> properties = DevStack.serverPropertyMap(PORTS, chain, custodyStore);
            properties.put(Settings.DEMO.property(), "false");
            wildfly = WildFlyServer.start(
                    Path.of(required("wildfly.home")),
                    Path.of(required("tributary.ear")),
                    data.resolve("wildfly"),
                    PORTS.wildflyOffset(),
                    properties,
                    wildflyLog);
            awaitSchema();
            log("WildFly up in " + seconds(t) + " s (log " + wildflyLog + ")");
            return measure(chain);
        } catch (Exception | Error e) {
            diagnose(e);
            throw e;
        }
    }

    private ObjectNode measure(DevChainDeployment chain) throws Exception {
        long t = System.nanoTime();
        seedOrganization();
        log("Seeded the organization, its API key and " + memberCount + " members with addresses in " + seconds(t)
                + " s");

        JsonNode wallet = expect(201, call("POST", "/wallet", ""), "create the wallet");
        EvmAddress walletAddress = EvmAddress.of(wallet.path("address").asText());
        BigInteger minted = totalEarnings
                .multiply(BigInteger.valueOf(16))
                .divide(BigInteger.valueOf(15))
                .divide(TRIB)
                .add(BigInteger.ONE)
                .multiply(TRIB);
        new AdminSender(chainClient)
                .send(
                        DevChain.devAccount(GAS_FUNDER),
                        new ContractCall(
                                walletAddress, "0x", ETH.multiply(BigInteger.TEN), BigInteger.valueOf(21_000)));
        new RewardContracts(chainClient)
                .mint(DevChain.devAccount(DevStack.TEST_MINTER), chain.token(), walletAddress, minted);
        log("Wallet " + walletAddress + " created; sent it 10 ETH and minted " + minted.divide(TRIB) + " TRIB to it");
        await("the deposit of " + minted + " base units to be credited to the treasury", Duration.ofMinutes(3), () -> {
            JsonNode treasury = expect(200, call("GET", "/treasury", null), "read the treasury");
            return new BigInteger(treasury.path("posted").asText("0")).equals(minted);
        });
        await("the wallet's approval of the PayoutBatcher to be confirmed", Duration.ofMinutes(3), () -> {
            JsonNode transactions =
                    expect(200, call("GET", "/wallet/transactions?size=200", null), "list transactions");
            if (!transactions.isArray() || transactions.isEmpty()) return false;
            for (JsonNode tx : transactions) {
                if (!"CONFIRMED".equals(tx.path("status").asText())) return false;
            }
            return true;
        });
        t = System.nanoTime();
        fundEarnings();
        log("Moved " + totalEarnings + " base units from the treasury to " + memberCount
                + " earnings accounts in " + ((memberCount + MEMBERS_PER_SEED_TRANSFER - 1) / MEMBERS_PER_SEED_TRANSFER)
                + " posted transfers in " + seconds(t) + " s");

        // A policy this loose needs a second org admin and a cooling-off over the API; the benchmark's organization
        // has one admin, so it is set up in the database like the organization itself.
        try (Connection db = database()) {
            update(
                    db,
                    "update custodial_wallet set daily_limit = ?, approval_threshold = ?, payout_minimum = ?,"
                            + " cooling_off_hours = 0 where lower(address) = lower(?)",
                    new java.math.BigDecimal(TRIB.multiply(BigInteger.valueOf(100_000_000))),
                    new java.math.BigDecimal(TRIB.multiply(BigInteger.valueOf(100_000_000))),
                    new java.math.BigDecimal(TRIB),
                    walletAddress.hex());
        }
        JsonNode before = expect(200, call("GET", "/wallet", null), "read the wallet");
        if (before.path("frozen").asBoolean()) {
            throw new BenchmarkFailure("The wallet is frozen before the payout: " + before.path("frozenReason"));
        }

        log("Starting the payout…");
        long start = System.nanoTime();
        HttpResponse<String> started = send(request("/payouts")
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "bench-" + UUID.randomUUID())
                .timeout(Duration.ofMinutes(10))
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        double planSeconds = seconds(start);
        JsonNode run = expect(201, started, "start the payout");
        runId = run.path("id").asText();
        log("POST /api/payouts answered in " + planSeconds + " s: run " + runId + " "
                + run.path("status").asText() + ", " + run.path("recipients").asInt() + " recipients");
        if (!"SENDING".equals(run.path("status").asText())) {
            throw new BenchmarkFailure("The run did not start sending: " + run);
        }

        String status = followRun(start);
        double endToEndSeconds = seconds(start);
        JsonNode detail = expect(200, call("GET", "/payouts/" + runId, null), "read the payout run");
        Files.writeString(data.resolve("payout-run.json"), detail.toPrettyString());
        if (!"COMPLETED".equals(status)) {
            throw new BenchmarkFailure("The payout run ended " + status + ": " + detail.path("run"));
        }
        log("Run COMPLETED " + endToEndSeconds + " s after the request; verifying");

        JsonNode batches = detail.path("batches");
        int paidRecipients = 0;
        int recipientsPerBatch = 0;
        BigInteger totalGas = BigInteger.ZERO;
        for (JsonNode batch : batches) {
            JsonNode tx = batch.path("transaction");
            int recipients = batch.path("recipients").asInt();
            recipientsPerBatch = Math.max(recipientsPerBatch, recipients);
            if ("CONFIRMED".equals(tx.path("status").asText())) {
                paidRecipients += recipients;
            }
            totalGas = totalGas.add(new BigInteger(tx.path("gasUsed").asText("0")));
        }
        verify(detail.path("lines"), paidRecipients);

        BigDecimal gasPerRecipient =
                new BigDecimal(totalGas).divide(BigDecimal.valueOf(memberCount), 1, RoundingMode.HALF_UP);
        ObjectNode result = JSON.createObjectNode();
        result.put("members", memberCount);
        result.put("batches", batches.size());
        result.put("recipientsPerBatch", recipientsPerBatch);
        result.put("planSeconds", planSeconds);
        result.put("endToEndSeconds", endToEndSeconds);
        result.put("totalGas", totalGas);
        result.put("gasPerRecipient", gasPerRecipient);
        result.put("gasPerRecipientTarget", GAS_PER_RECIPIENT_TARGET);
        result.put(
                "gasPerRecipientRatioToTarget",
                gasPerRecipient.divide(BigDecimal.valueOf(GAS_PER_RECIPIENT_TARGET), 3, RoundingMode.HALF_UP));
        result.put(
                "recipientsPerSecond",
                BigDecimal.valueOf(memberCount).divide(BigDecimal.valueOf(endToEndSeconds), 1, RoundingMode.HALF_UP));
        return result;
    }

    /**
     * Polls the light run list (not the 10,000-line detail, which would load the server being measured) until the
     * run is final; logs the batches' progress now and then. Returns the final status.
     */
    private String followRun(long start) throws InterruptedException {
        long deadline = start + runTimeout.toNanos();
        long nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
        String lastProgress = null;
        long lastChange = System.nanoTime();
        while (true) {
            requireServices();
            JsonNode runs = expect(200, call("GET", "/payouts?size=20", null), "list payout runs");
            for (JsonNode run : runs) {
                if (runId.equals(run.path("id").asText())) {
                    String status = run.path("status").asText();
                    if (List.of("COMPLETED", "FAILED", "PARTIAL", "REJECTED").contains(status)) {
                        return status;
                    }
                }
            }
            long now = System.nanoTime();
            if (now > deadline) {
                throw new BenchmarkFailure("The payout run did not finish within " + runTimeout.toMinutes()
                        + " minutes (" + progress(true) + ")");
            }
            if (now > nextProgress) {
                String progress = progress(false);
                log("  " + seconds(start) + " s: " + progress);
                if (!progress.equals(lastProgress)) {
                    lastProgress = progress;
                    lastChange = now;
                } else if (now - lastChange > STALL.toNanos()) {
                    throw new BenchmarkFailure("No payout transaction moved for " + STALL.toMinutes() + " minutes ("
                            + progress(true) + ")");
                }
                nextProgress = now + PROGRESS_EVERY.toNanos();
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /**
     * The wallet's payout transactions by status, e.g. "{CONFIRMED=12, MINED=1, QUEUED=37}", with their distinct last
     * errors if asked.
     */
    private String progress(boolean withErrors) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Set<String> errors = new LinkedHashSet<>();
        for (JsonNode tx : expect(200, call("GET", "/wallet/transactions?size=200", null), "list transactions")) {
            if ("PAYOUT_BATCH".equals(tx.path("purpose").asText())) {
                counts.merge(tx.path("status").asText(), 1, Integer::sum);
                if (tx.hasNonNull("lastError")) {
                    errors.add(tx.path("lastError").asText());
                }
            }
        }
        return "payout transactions " + counts
                + (withErrors && !errors.isEmpty() ? "; their last errors: " + String.join(" | ", errors) : "");
    }

    /** Fails at once, naming the service, when WildFly or the chain node is gone (rather than at a timeout). */
    private void requireServices() {
        if (wildfly != null && !wildfly.isAlive()) {
            throw new BenchmarkFailure("WildFly exited; see " + wildflyLog);
        }
        if (stack.chain() != null && !stack.chain().isRunning()) {
            throw new BenchmarkFailure(
                    "The Hardhat dev chain node (" + stack.deployment().rpcUrl()
                            + ") exited while the benchmark ran; the end of its log:\n" + chainLogTail());
        }
    }

    /**
     * Every member is paid exactly their earnings once, in a confirmed batch; a sample's tokens are on chain; the
     * ledger's cached balances match their legs; and reconciliation after the run finds the chain and the ledger in
     * agreement.
     */
    private void verify(JsonNode lines, int paidRecipients) throws SQLException, InterruptedException {
        List<String> problems = new ArrayList<>();
        if (paidRecipients != memberCount) {
            problems.add("confirmed batches carry " + paidRecipients + " recipients, not " + memberCount);
        }
        if (lines.size() != memberCount) {
            problems.add("the run has " + lines.size() + " lines, not " + memberCount);
        }
        List<JsonNode> sample = new ArrayList<>();
        for (JsonNode line : lines) {
            BigInteger expected =
                    earnings.get(UUID.fromString(line.path("memberId").asText()));
            BigInteger amount = new BigInteger(line.path("amount").asText());
            if (!amount.equals(expected) || line.path("batchId").isNull()) {
                problems.add("line " + line + " does not pay the member's earnings " + expected + " in a batch");
            }
            sample.add(line);
        }
        Collections.shuffle(sample, new Random(42));
        sample = sample.subList(0, Math.min(SAMPLE, sample.size()));
        long block = chainClient.latestBlockNumber();
        BigInteger onChain = BigInteger.ZERO;
        BigInteger owed = BigInteger.ZERO;
        for (JsonNode line : sample) {
            onChain = onChain.add(chainClient.tokenBalance(
                    stack.deployment().token(),
                    EvmAddress.of(line.path("address").asText()),
                    block));
            owed = owed.add(new BigInteger(line.path("amount").asText()));
        }
        if (!onChain.equals(owed)) {
            problems.add("the " + sample.size() + " sampled recipients hold " + onChain + " base units on chain, their"
                    + " lines pay " + owed);
        }
        try (Connection db = database()) {
            long disagreeing = single(
                    db,
                    "select count(*) from ledger_account a where a.posted_balance <> coalesce((select sum(l.amount)"
                            + " from ledger_leg l join ledger_transfer t on t.id = l.transfer_id"
                            + " where l.account_id = a.id and t.status = 'POSTED'), 0)");
            if (disagreeing != 0) {
                problems.add(disagreeing + " ledger account(s) have a cached balance that differs from their legs");
            }
        }
        if (!problems.isEmpty()) {
            throw new BenchmarkFailure("Verification failed:\n  " + String.join("\n  ", problems));
        }
        Instant finished = Instant.now();
        await("a reconciliation of the wallet after the run", Duration.ofMinutes(2), () -> {
            JsonNode wallet = expect(200, call("GET", "/wallet", null), "read the wallet");
            if (wallet.path("frozen").asBoolean()) {
                throw new BenchmarkFailure("Reconciliation froze the wallet: " + wallet.path("frozenReason"));
            }
            JsonNode at = wallet.path("reconciledAt");
            return !at.isMissingNode()
                    && !at.isNull()
                    && Instant.parse(at.asText()).isAfter(finished)
                    && wallet.path("reconciledOk").asBoolean();
        });
        log("Verified: " + paidRecipients + " recipients in confirmed batches, every line pays its member's earnings,"
                + " " + sample.size() + " sampled recipients hold " + onChain + " base units on chain as owed,"
                + " the ledger's cached balances match their legs, and reconciliation agrees with the chain");
    }

    // ---- Seeding, straight into the database the server migrated ----

    /** The tenant, its org admin, an org-admin API key, and the members with usable addresses and empty accounts. */
    private void seedOrganization() throws SQLException {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        apiKey = "trb_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        tenantId = UUID.randomUUID();
        UUID adminId = UUID.randomUUID();
        List<UUID> addressIds = new ArrayList<>();
        List<String> addresses = new ArrayList<>();
        for (int i = 1; i <= memberCount; i++) {
            UUID member = UUID.randomUUID();
            memberIds.add(member);
            accountIds.add(UUID.randomUUID());
            addressIds.add(UUID.randomUUID());
            byte[] address = new byte[20];
            random.nextBytes(address);
            addresses.add(Keys.toChecksumAddress(HexFormat.of().formatHex(address)));
            BigInteger amount = BASE_EARNING.add(BigInteger.valueOf(i));
            earnings.put(member, amount);
            totalEarnings = totalEarnings.add(amount);
        }
        try (Connection db = database()) {
            db.setAutoCommit(false);
            update(
                    db,
                    "insert into tenant (id, alias, name, status, keycloak_org_id, brand_name, brand_logo, brand_colour,"
                            + " brand_mode, created_at, version) values (?, 'bench', 'Payout Benchmark', 'ACTIVE',"
                            + " null, 'Payout Benchmark', null, '#0f766e', 'LIGHT', now(), 0)",
                    tenantId);
            update(
                    db,
                    "insert into member (id, tenant_id, email, display_name, subject, roles, created_at, version)"
                            + " values (?, ?, 'admin@bench.test', 'Benchmark Admin', null, 'org-admin', now(), 0)",
                    adminId,
                    tenantId);
            update(
                    db,
                    "insert into api_key (id, tenant_id, name, prefix, secret_hash, roles, created_by, created_at)"
                            + " values (?, ?, 'payout-benchmark', ?, ?, 'org-admin', 'admin@bench.test', now())",
                    UUID.randomUUID(),
                    tenantId,
                    apiKey.substring(0, 10),
                    sha256Hex(apiKey));
            update(
                    db,
                    "insert into member (id, tenant_id, email, display_name, subject, roles, created_at, version)"
                            + " select m.id, ?, 'member-' || m.n || '@bench.test', 'Member ' || m.n, null,"
                            + " 'contributor', now(), 0 from unnest(?::uuid[]) with ordinality as m(id, n)",
                    tenantId,
                    db.createArrayOf("uuid", memberIds.toArray()));
            update(
                    db,
                    "insert into withdrawal_address (id, tenant_id, member_id, address, created_at, usable_from,"
                            + " removed_at) select w.id, ?, w.member_id, w.address, now() - interval '1 day',"
                            + " now() - interval '1 day', null from unnest(?::uuid[], ?::uuid[], ?::text[])"
                            + " as w(id, member_id, address)",
                    tenantId,
                    db.createArrayOf("uuid", addressIds.toArray()),
                    db.createArrayOf("uuid", memberIds.toArray()),
                    db.createArrayOf("text", addresses.toArray()));
            update(
                    db,
                    "insert into ledger_account (id, tenant_id, member_id, kind, currency, allow_negative,"
                            + " posted_balance, pending_debits, pending_credits, created_at, version)"
                            + " select a.id, ?, a.member_id, 'CONTRIBUTOR_EARNINGS', 'TRIB', false, 0, 0, 0, now(), 0"
                            + " from unnest(?::uuid[], ?::uuid[]) as a(id, member_id)",
                    tenantId,
                    db.createArrayOf("uuid", accountIds.toArray()),
                    db.createArrayOf("uuid", memberIds.toArray()));
            db.commit();
        }
    }

    /**
     * Posted transfers from the tenant's treasury to the members' earnings accounts (a leg each), {@value
     * #MEMBERS_PER_SEED_TRANSFER} members per transfer, with the cached balances moved by the same amounts, all in one
     * database transaction; the ledger's deferred trigger checks each transfer's sum at commit and the treasury's check
     * constraint that it covers the total. Not one transfer of 10,001 legs: the trigger re-sums the whole transfer for
     * every leg, so its cost grows with the square of the legs (3.5 minutes for 10,001 legs, a second for these).
     */
    private void fundEarnings() throws SQLException {
        try (Connection db = database()) {
            db.setAutoCommit(false);
            UUID treasury;
            try (PreparedStatement st = db.prepareStatement("select id, posted_balance - pending_debits"
                    + " from ledger_account where tenant_id = ? and member_id is null and kind = 'TENANT_TREASURY'"
                    + " and currency = 'TRIB' for update")) {
                st.setObject(1, tenantId);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) throw new BenchmarkFailure("The tenant has no TRIB treasury account yet");
                    treasury = rs.getObject(1, UUID.class);
                    BigInteger available = rs.getBigDecimal(2).toBigIntegerExact();
                    if (available.compareTo(totalEarnings) < 0) {
                        throw new BenchmarkFailure(
                                "The treasury holds " + available + ", the members' earnings need " + totalEarnings);
                    }
                }
            }
            List<UUID> transferIds = new ArrayList<>();
            for (int from = 0; from < memberCount; from += MEMBERS_PER_SEED_TRANSFER) {
                int to = Math.min(memberCount, from + MEMBERS_PER_SEED_TRANSFER);
                UUID transferId = UUID.randomUUID();
                transferIds.add(transferId);
                List<BigDecimal> amounts = new ArrayList<>();
                BigInteger total = BigInteger.ZERO;
                for (UUID member : memberIds.subList(from, to)) {
                    amounts.add(new BigDecimal(earnings.get(member)));
                    total = total.add(earnings.get(member));
                }
                update(
                        db,
                        "insert into ledger_transfer (id, status, cause_type, cause_ref, memo, created_at, posted_at)"
                                + " values (?, 'POSTED', 'GRANT', 'grant:payout-benchmark', ?, now(), now())",
                        transferId,
                        "Payout benchmark earnings, members " + (from + 1) + " to " + to);
                update(
                        db,
                        "insert into ledger_leg (transfer_id, sequence, account_id, amount) values (?, 0, ?, ?)",
                        transferId,
                        treasury,
                        new BigDecimal(total.negate()));
                update(
                        db,
                        "insert into ledger_leg (transfer_id, sequence, account_id, amount)"
                                + " select ?, l.n, l.account_id, l.amount"
                                + " from unnest(?::uuid[], ?::numeric[]) with ordinality as l(account_id, amount, n)",
                        transferId,
                        db.createArrayOf("uuid", accountIds.subList(from, to).toArray()),
                        db.createArrayOf("numeric", amounts.toArray()));
            }
            int moved = update(
                    db,
                    "update ledger_account a set posted_balance = a.posted_balance + l.amount, version = a.version + 1"
                            + " from (select account_id, sum(amount) as amount from ledger_leg"
                            + " where transfer_id = any(?::uuid[]) group by account_id) l where l.account_id = a.id",
                    db.createArrayOf("uuid", transferIds.toArray()));
            if (moved != memberCount + 1) {
                throw new BenchmarkFailure(
                        "The funding transfers moved " + moved + " balances, not " + (memberCount + 1));
            }
            db.commit();
        }
    }

    private Connection database() throws SQLException {
        return DriverManager.getConnection(PORTS.jdbcUrl("tributary"), DevStack.DB_USER, DevStack.DB_PASSWORD);
    }

    private static int update(Connection db, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement st = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                st.setObject(i + 1, parameters[i]);
            }
            return st.executeUpdate();
        }
    }

    private static long single(Connection db, String sql) throws SQLException {
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** /api/health answers once the EAR is deployed; the schema check makes sure Flyway's last migration is in. */
    private void awaitSchema() throws InterruptedException {
        await("the schema to be migrated", Duration.ofMinutes(1), () -> {
            try (Connection db = database()) {
                return single(db, "select count(*) from pg_tables where tablename = 'payout_line'") == 1;
            } catch (SQLException notYet) {
                return false;
            }
        });
    }

    private static String sha256Hex(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- WildFly ----

    /** Stops WildFly (politely, then forcefully, with its children), then the rest of the stack. Idempotent. */
    private synchronized void stop() {
        if (stopped) return;
        stopped = true;
        log("Stopping the benchmark stack…");
        if (wildfly != null) {
            wildfly.close();
        }
        if (chainClient != null) {
            chainClient.close();
        }
        stack.close();
    }

    // ---- The API ----

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(PORTS.appUrl() + "/api" + path))
                .timeout(Duration.ofMinutes(2));
        // X-Api-Key, not "Authorization: Bearer trb_...": WildFly's OIDC mechanism inspects every bearer token first
        // and, with no Keycloak to load the provider metadata from, fails the request (500, ELY23015).
        return apiKey == null ? builder : builder.header("X-Api-Key", apiKey);
    }

    private HttpResponse<String> call(String method, String path, String json) {
        HttpRequest.Builder builder = request(path);
        if (json == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return send(builder);
    }

    private HttpResponse<String> send(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new BenchmarkFailure(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailure("Interrupted during " + request.method() + " " + request.uri(), e);
        }
    }

    private static JsonNode expect(int status, HttpResponse<String> response, String what) {
        if (response.statusCode() != status) {
            throw new BenchmarkFailure(
                    "Could not " + what + ": " + response.request().method() + " "
                            + response.request().uri() + " answered " + response.statusCode() + " " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new BenchmarkFailure("Could not " + what + ": not JSON: " + response.body(), e);
        }
    }

    // ---- Waiting, logging, diagnostics ----

    private void await(String what, Duration timeout, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            requireServices();
            if (condition.get()) return;
            if (System.nanoTime() > deadline) {
                throw new BenchmarkFailure("Timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** What went wrong, with the run's state (when there is one) and the end of the server log. */
    private void diagnose(Throwable failure) {
        System.err.println("\nPAYOUT BENCHMARK FAILED: " + failure.getMessage());
        if (stopped) return;
        if (apiKey != null && wildfly != null && wildfly.isAlive()) {
            try {
                if (runId != null) {
                    HttpResponse<String> detail = call("GET", "/payouts/" + runId, null);
                    Path file = data.resolve("payout-run.json");
                    Files.writeString(file, detail.body());
                    JsonNode run = JSON.readTree(detail.body());
                    System.err.println("Run " + runId + " (all of it in " + file + "):");
                    System.err.println("  run: " + run.path("run"));
                    for (JsonNode batch : run.path("batches")) {
                        JsonNode tx = batch.path("transaction");
                        System.err.println("  batch " + batch.path("sequence") + ": " + batch.path("recipients")
                                + " recipients, " + tx.path("status").asText() + ", tx "
                                + tx.path("txHash").asText() + ", gas "
                                + tx.path("gasUsed").asText() + ", attempts "
                                + tx.path("attempts")
                                + (tx.hasNonNull("lastError")
                                        ? ", last error: "
                                                + tx.path("lastError").asText()
                                        : ""));
                    }
                }
                System.err.println("Wallet: " + call("GET", "/wallet", null).body());
                System.err.println("Treasury: " + call("GET", "/treasury", null).body());
            } catch (RuntimeException | IOException e) {
                System.err.println("(could not read the run or the wallet: " + e + ")");
            }
        }
        try {
            List<String> lines = Files.readAllLines(wildflyLog, StandardCharsets.UTF_8);
            // Stack traces bury the cause: the server's last errors and their causes first, then the end of the log.
            List<String> errors = lines.stream()
                    .filter(l -> l.contains(" ERROR ") || l.contains(" SEVERE ") || l.startsWith("Caused by:"))
                    .map(l -> l.length() > 600 ? l.substring(0, 600) + "…" : l)
                    .toList();
            if (!errors.isEmpty()) {
                System.err.println("Last errors in " + wildflyLog + ":");
                errors.subList(Math.max(0, errors.size() - 12), errors.size())
                        .forEach(l -> System.err.println("  " + l));
            }
            System.err.println("Last lines of " + wildflyLog + ":");
            lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(l -> System.err.println("  " + l));
        } catch (IOException e) {
            System.err.println("(no WildFly log: " + e + ")");
        }
    }

    /** The last lines of the node's log (DevChain writes it to a temporary file and deletes it on close). */
    private String chainLogTail() {
        String prefix = "hardhat-node-" + stack.chain().port() + "-";
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            Path log = files.filter(f -> f.getFileName().toString().startsWith(prefix))
                    .findFirst()
                    .orElse(null);
            if (log == null) return "(no log found)";
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "  " + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(could not read its log: " + e + ")";
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Set -D" + property + " (mvn -DskipTests -Pbench install does)");
        }
        return value;
    }

    private static double seconds(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 1e6) / 1000.0;
    }

    private static void log(String message) {
        System.err.println("[bench] " + message);
    }

    /** A step of the benchmark that did not work out; the message says which and why. */
    static final class BenchmarkFailure extends RuntimeException {
        BenchmarkFailure(String message) {
            super(message);
        }

        BenchmarkFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
