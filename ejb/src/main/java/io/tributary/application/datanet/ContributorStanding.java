package io.tributary.application.datanet;

/** One contributor's accepted and decided records in a DataNet, named as the viewer may see them. */
public record ContributorStanding(String contributor, long accepted, long decided) {
    public double acceptanceRate() {
        return decided == 0 ? 0 : (double) accepted / decided;
    }
}
