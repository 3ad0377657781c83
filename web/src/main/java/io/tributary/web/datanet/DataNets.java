package io.tributary.web.datanet;

import io.tributary.application.Pages;
import io.tributary.application.datanet.DataNetDraft;
import io.tributary.application.datanet.DataNetService;
import io.tributary.application.datanet.DataNetView;
import io.tributary.persistence.Columns;
import io.tributary.persistence.ListQuery;
import io.tributary.persistence.Page;
import io.tributary.web.security.CurrentActor;
import io.tributary.web.shell.Feedback;
import io.tributary.web.shell.PagedTable;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The DataNets page: the organization's and public DataNets, and the form to create one. */
@Named
@ViewScoped
public class DataNets implements Serializable {

    @Inject
    transient DataNetService dataNets;

    @Inject
    CurrentActor actor;

    private String name;
    private String domain;
    private String description;
    private String tags;
    private String recordType = "QUESTION_ANSWER";
    private String licence = "CC-BY-4.0";
    private String visibility = "PRIVATE";
    private List<String> formats = new ArrayList<>(List.of("JSONL", "CSV"));
    private int maxUploadMegabytes = 50;
    private int dailyQuota = 10_000;
    private String badLinePolicy = "KEEP_VALID";
    private String personalDataPolicy = "FLAG";
    private double nearDuplicateThreshold = 0.8;
    private int approvalsRequired = 2;
    private int reviewersPerRecord = 3;
    private String validatorPool = "OWNER_ORGANIZATION";
    private final PagedTable<DataNetView> list = new PagedTable<>() {
        @Override
        protected Page<DataNetView> page(ListQuery query) {
            return dataNets.views(actor.get(), query);
        }

        @Override
        protected Columns columns() {
            return DataNetService.COLUMNS;
        }

        @Override
        protected Object key(DataNetView row) {
            return row.id();
        }
    };

    public PagedTable<DataNetView> getDataNets() {
        return list;
    }

    /** The visibilities the list filters by. */
    public io.tributary.persistence.datanet.Visibility[] getVisibilities() {
        return io.tributary.persistence.datanet.Visibility.values();
    }

    /** Whether the person may create DataNets here (the form and the empty list's hint). */
    public boolean isCreator() {
        return actor.has("model-builder") || actor.has("org-admin");
    }

    public String create() {
        return Feedback.attempt(
                        () -> dataNets.createView(
                                actor.get(),
                                new DataNetDraft(
                                        name,
                                        domain,
                                        description,
                                        tags == null ? List.of() : Arrays.asList(tags.split(",")),
                                        recordType,
                                        licence,
                                        visibility,
                                        formats,
                                        (long) maxUploadMegabytes * 1024 * 1024,
                                        dailyQuota,
                                        badLinePolicy,
                                        personalDataPolicy,
                                        nearDuplicateThreshold,
                                        approvalsRequired,
                                        reviewersPerRecord,
                                        validatorPool)),
                        null)
                .map(d -> Pages.dataNet(d.id()) + "&faces-redirect=true")
                .orElse(null);
    }

    // Form fields.

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDomain() {
        return domain;
    }

    public void setDomain(String domain) {
        this.domain = domain;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public String getTags() {
        return tags;
    }

    public void setTags(String tags) {
        this.tags = tags;
    }

    public String getRecordType() {
        return recordType;
    }

    public void setRecordType(String recordType) {
        this.recordType = recordType;
    }

    public String getLicence() {
        return licence;
    }

    public void setLicence(String licence) {
        this.licence = licence;
    }

    public String getVisibility() {
        return visibility;
    }

    public void setVisibility(String visibility) {
        this.visibility = visibility;
    }

    public List<String> getFormats() {
        return formats;
    }

    public void setFormats(List<String> formats) {
        this.formats = formats;
    }

    public int getMaxUploadMegabytes() {
        return maxUploadMegabytes;
    }

    public void setMaxUploadMegabytes(int maxUploadMegabytes) {
        this.maxUploadMegabytes = maxUploadMegabytes;
    }

    public int getDailyQuota() {
        return dailyQuota;
    }

    public void setDailyQuota(int dailyQuota) {
        this.dailyQuota = dailyQuota;
    }

    public String getBadLinePolicy() {
        return badLinePolicy;
    }

    public void setBadLinePolicy(String badLinePolicy) {
        this.badLinePolicy = badLinePolicy;
    }

    public String getPersonalDataPolicy() {
        return personalDataPolicy;
    }

    public void setPersonalDataPolicy(String personalDataPolicy) {
        this.personalDataPolicy = personalDataPolicy;
    }

    public double getNearDuplicateThreshold() {
        return nearDuplicateThreshold;
    }

    public void setNearDuplicateThreshold(double nearDuplicateThreshold) {
        this.nearDuplicateThreshold = nearDuplicateThreshold;
    }

    public int getApprovalsRequired() {
        return approvalsRequired;
    }

    public void setApprovalsRequired(int approvalsRequired) {
        this.approvalsRequired = approvalsRequired;
    }

    public int getReviewersPerRecord() {
        return reviewersPerRecord;
    }

    public void setReviewersPerRecord(int reviewersPerRecord) {
        this.reviewersPerRecord = reviewersPerRecord;
    }

    public String getValidatorPool() {
        return validatorPool;
    }

    public void setValidatorPool(String validatorPool) {
        this.validatorPool = validatorPool;
    }
}
