package io.tributary.application.factory;

import io.tributary.application.AccessDenied;
import io.tributary.application.Actor;
import io.tributary.application.Conflict;
import io.tributary.application.InputCheck;
import io.tributary.application.InvalidInput;
import io.tributary.application.NotFound;
import io.tributary.application.audit.AuditLog;
import io.tributary.application.factory.FactoryViews.BaseView;
import io.tributary.application.factory.FactoryViews.LimitsView;
import io.tributary.application.tenancy.TenantService;
import io.tributary.application.tenancy.TenantView;
import io.tributary.persistence.TenantContext;
import io.tributary.persistence.factory.FactoryRepository;
import io.tributary.persistence.factory.RegisteredBase;
import io.tributary.persistence.tenancy.Role;
import io.tributary.training.generate.GenerationDefaults;
import io.tributary.training.model.BaseModel;
import io.tributary.training.model.BaseModelInfo;
import io.tributary.training.model.LanguageModel;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * The bases organizations fine-tune: platform staff register bases for everyone and retire them, and set each
 * organization's limits; an organization's admins import a Hugging Face folder (zipped) for their own organization
 * only. Imports go through the model library's {@link BaseModel} facade, which checks the folder and measures it.
 */
@Stateless
public class BaseCatalogue {

    /** The largest zipped folder accepted, in bytes (unpacked files count). */
    static final long MAX_IMPORT_BYTES = Long.getLong("tributary.factory.max-import-bytes", 2L * 1024 * 1024 * 1024);

    private static final Set<String> FOLDER_FILES =
            Set.of(LanguageModel.CONFIG_FILE, LanguageModel.WEIGHTS_FILE, LanguageModel.TOKENIZER_FILE);

    @Inject
    FactoryRepository repository;

    @Inject
    TenantService tenants;

    @Inject
    AuditLog audit;

    /** Staff: every base, shared or an organization's, retired or not. */
    public List<BaseView> all(Actor staff) {
        requireStaff(staff);
        return TenantContext.asPlatform(
                () -> repository.bases().stream().map(BaseView::of).toList());
    }

    /** An organization admin: the bases shared with everyone and the organization's own imports, retired or not. */
    public List<BaseView> ofMyOrganization(Actor admin) {
        audit.demand(admin, Role.ORG_ADMIN, "factory.base.list", "factory");
        UUID tenant = admin.requireTenant();
        return repository.bases().stream()
                .filter(b -> b.isOpenTo(tenant))
                .map(BaseView::of)
                .toList();
    }

    /** Staff: registers a zipped Hugging Face folder as a base every organization may fine-tune. */
    public BaseView registerShared(Actor staff, String name, String licence, InputStream zip) {
        requireStaff(staff);
        return register(staff, null, name, licence, zip);
    }

    /** An organization admin: imports a zipped Hugging Face folder as a base only this organization sees. */
    public BaseView importPrivate(Actor admin, String name, String licence, InputStream zip) {
        audit.demand(admin, Role.ORG_ADMIN, "factory.base.import", "factory");
        return register(admin, admin.requireTenant(), name, licence, zip);
    }

    private BaseView register(Actor actor, UUID owner, String name, String licence, InputStream zip) {
        InputCheck check = new InputCheck();
        String cleanName = check.text("name", name, 200);
        String cleanLicence = check.text("licence", licence, 200);
        check.done();
        if (zip == null) {
            throw new InvalidInput(
                    "folder", "Send the model folder as a zip (config.json, model.safetensors, tokenizer.json).");
        }
        Path staging;
        try {
            Files.createDirectories(FactoryStorage.bases());
            staging = Files.createTempDirectory(FactoryStorage.bases(), "incoming-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            unzip(zip, staging);
            BaseModelInfo info = DjlContext.call(() -> {
                try (BaseModel base = BaseModel.load(staging, cleanLicence)) {
                    return base.info();
                } catch (IOException e) {
                    // The library names the file or tensor it refuses; the server's own paths stay private.
                    throw new InvalidInput(
                            "folder",
                            "This folder cannot be used as a base: "
                                    + String.valueOf(e.getMessage()).replace(staging.toString(), "the folder"));
                }
            });
            String already = TenantContext.asPlatform(() -> repository
                    .baseWithSha256(null, info.sha256())
                    .map(RegisteredBase::getName)
                    .orElse(null));
            if (already != null) {
                throw new Conflict("These weights are already offered to every organization as " + already + ".");
            }
            if (owner != null) {
                repository.baseWithSha256(owner, info.sha256()).ifPresent(b -> {
                    throw new Conflict("Your organization already imported these weights as " + b.getName() + ".");
                });
            }
            // A folder of its own: another organization's import of the same weights may carry another tokenizer,
            // config or generation_config.json, and must never stand in for this one's.
            Path home = FactoryStorage.bases().resolve(info.sha256() + "-" + UUID.randomUUID());
            Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
            RegisteredBase base = new RegisteredBase(
                    owner,
                    cleanName,
                    home.toString(),
                    info.architecture(),
                    info.licence(),
                    info.sha256(),
                    info.parameters(),
                    info.contextLength(),
                    info.vocabularySize());
            repository.add(base);
            audit.changed(
                    actor,
                    owner,
                    owner == null ? "factory.base.register" : "factory.base.import",
                    base.getId().toString(),
                    cleanName + " (" + info.architecture() + ", " + info.parameters() + " parameters, sha256 "
                            + info.sha256() + ")");
            return BaseView.of(base);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(staging);
        }
    }

    /**
     * Retires a base: no new runs on it; runs and versions that used it keep its files. Staff retire any base, an
     * organization admin only the organization's own imports.
     */
    public BaseView retire(Actor actor, UUID id) {
        RegisteredBase base;
        if (actor.isPlatformAdmin()) {
            base = TenantContext.asPlatform(() -> repository.base(id))
                    .orElseThrow(() -> new NotFound("No base model " + id + "."));
        } else {
            audit.demand(actor, Role.ORG_ADMIN, "factory.base.retire", String.valueOf(id));
            UUID tenant = actor.requireTenant();
            base = repository
                    .base(id)
                    .filter(b -> tenant.equals(b.getOwnerTenantId()))
                    .orElseThrow(() -> new NotFound("No base model " + id + " imported by your organization."));
        }
        if (base.isRetired()) {
            throw new Conflict("This base was already retired.");
        }
        base.retire(actor.name());
        audit.changed(actor, base.getOwnerTenantId(), "factory.base.retire", id.toString(), base.getName());
        return BaseView.of(base);
    }

    /** Staff: every organization's limits and this month's use, by organization name. */
    public List<OrganizationLimits> limits(Actor staff) {
        requireStaff(staff);
        return TenantContext.asPlatform(() -> tenants.overview(staff).stream()
                .sorted(Comparator.comparing(TenantView::name, String.CASE_INSENSITIVE_ORDER))
                .map(t -> new OrganizationLimits(t.name(), t.alias(), limitsOf(t.id())))
                .toList());
    }

    private LimitsView limitsOf(UUID tenantId) {
        java.time.Instant monthStart = java.time.LocalDate.now(java.time.ZoneOffset.UTC)
                .withDayOfMonth(1)
                .atStartOfDay()
                .toInstant(java.time.ZoneOffset.UTC);
        return LimitsView.of(
                tenantId, repository.limits(tenantId).orElse(null), repository.tokensSince(tenantId, monthStart));
    }

    /** One organization's limits as staff see them. */
    public record OrganizationLimits(String organization, String alias, LimitsView limits) {}

    private static void requireStaff(Actor actor) {
        if (!actor.isPlatformAdmin()) {
            throw new AccessDenied("Shared base models and training limits are managed by platform staff.");
        }
    }

    /**
     * Unpacks the folder's three files and its {@code generation_config.json} if it has one (by their names, wherever
     * they sit in the zip; anything else, such as a README, is skipped), refusing a zip that is not one, repeats a file,
     * is larger than {@link #MAX_IMPORT_BYTES} or recommends decoding settings out of range.
     */
    static void unzip(InputStream zip, Path target) throws IOException {
        Files.createDirectories(target);
        long total = 0;
        Set<String> seen = new HashSet<>();
        try (ZipInputStream in = new ZipInputStream(zip)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.isDirectory()) continue;
                String file =
                        Path.of(e.getName().replace('\\', '/')).getFileName().toString();
                if (!FOLDER_FILES.contains(file) && !file.equals(GenerationDefaults.FILE)) continue;
                if (!seen.add(file)) {
                    throw new InvalidInput("folder", "The zip holds " + file + " twice: send one model folder.");
                }
                try (OutputStream out = Files.newOutputStream(target.resolve(file))) {
                    byte[] buffer = new byte[1 << 16];
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        total += n;
                        if (total > MAX_IMPORT_BYTES) {
                            throw new InvalidInput(
                                    "folder",
                                    String.format(
                                            Locale.ROOT,
                                            "The folder is larger than the %,d bytes this server accepts.",
                                            MAX_IMPORT_BYTES));
                        }
                        out.write(buffer, 0, n);
                    }
                }
            }
        } catch (ZipException e) {
            throw new InvalidInput("folder", "This is not a readable zip: " + e.getMessage());
        }
        List<String> missing =
                FOLDER_FILES.stream().filter(f -> !seen.contains(f)).sorted().toList();
        if (!missing.isEmpty()) {
            throw new InvalidInput(
                    "folder",
                    "The zip lacks " + String.join(", ", missing)
                            + ": a base is a Hugging Face folder with config.json, model.safetensors and tokenizer.json.");
        }
        if (seen.contains(GenerationDefaults.FILE)) {
            try {
                GenerationDefaults.of(target);
            } catch (IOException e) {
                throw new InvalidInput(
                        "folder",
                        String.valueOf(e.getMessage())
                                .replace(target.resolve(GenerationDefaults.FILE).toString(), GenerationDefaults.FILE));
            }
        }
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A leftover staging folder wastes space but harms nothing.
        }
    }
}
