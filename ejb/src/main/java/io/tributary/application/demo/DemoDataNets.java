package io.tributary.application.demo;

import io.tributary.application.Actor;
import io.tributary.application.curation.ReleaseService;
import io.tributary.application.curation.ReviewService;
import io.tributary.application.datanet.ContributionService;
import io.tributary.application.datanet.ContributionView;
import io.tributary.application.datanet.DataNetDraft;
import io.tributary.application.datanet.DataNetService;
import io.tributary.application.tenancy.MembershipService;
import io.tributary.persistence.PageRequest;
import io.tributary.persistence.TenantContext;
import io.tributary.persistence.tenancy.Member;
import io.tributary.persistence.tenancy.Tenant;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/**
 * Two demo DataNets in different expert domains, filled through the real services (checks, votes, release), with
 * contributions in every state. The texts are written for this project and free to use.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DemoDataNets {

    static final String CLINICAL = """
            {"question":"What is a normal resting heart rate for adults?","answer":"For most adults a resting heart rate between 60 and 100 beats per minute is considered normal; trained athletes are often lower."}
            {"question":"How long should hands be washed to remove germs?","answer":"Scrub all surfaces of the hands with soap for at least 20 seconds, then rinse under clean running water."}
            {"question":"What does a blood pressure reading of 120 over 80 mean?","answer":"The first number is the pressure while the heart beats (systolic), the second while it rests between beats (diastolic); 120/80 mmHg is in the normal range."}
            {"question":"Why is it important to finish a course of antibiotics?","answer":"Stopping early can leave surviving bacteria that multiply again and may become resistant, so follow the prescriber's instructions."}
            {"question":"What are common signs of dehydration?","answer":"Thirst, dark yellow urine, dizziness, tiredness and a dry mouth are common signs; infants may have fewer wet nappies."}
            {"question":"What is the recommended first aid for a minor burn?","answer":"Cool the burn under cool running water for about twenty minutes, remove tight items nearby, and cover it loosely with a clean dressing."}
            {"question":"How much sleep do adults generally need?","answer":"Most adults need seven to nine hours of sleep per night for good health, though individual needs vary."}
            {"question":"Can I email my results to the clinic?","answer":"Yes, send them to results.desk@example.org and include your appointment number."}
            {"question":"What is a normal resting heart rate for adults?","answer":"For most adults a resting heart rate between 60 and 100 beats per minute is considered normal; trained athletes are often lower."}
            """;

    static final String CLAUSES = """
            {"text":"Each party shall keep the other party's confidential information secret and use it only to perform this agreement.","label":"confidentiality"}
            {"text":"Either party may terminate this agreement by giving ninety days' written notice to the other party.","label":"termination"}
            {"text":"This agreement is governed by the laws of the jurisdiction in which the supplier has its registered office.","label":"governing-law"}
            {"text":"Neither party is liable for any failure to perform caused by events beyond its reasonable control.","label":"force-majeure"}
            {"text":"asdf qwer zxcv !!!! ???? #### $$$$ %%%%","label":"noise"}
            """;

    @Inject
    DataNetService dataNets;

    @Inject
    ContributionService contributions;

    @Inject
    ReviewService reviews;

    @Inject
    ReleaseService releases;

    @Inject
    MembershipService membership;

    /** Seeds both DataNets unless the owners' organizations have DataNets already. */
    public void seed(Tenant acme, Tenant globex) {
        Actor mia = actor(acme, "mia@acme.test");
        if (!as(acme, () -> dataNets.list(mia, PageRequest.FIRST)).items().isEmpty()) {
            return;
        }
        Actor carlos = actor(acme, "carlos@acme.test");
        Actor vera = actor(acme, "vera@acme.test");
        Actor victor = actor(acme, "victor@acme.test");
        Actor gus = actor(globex, "gus@globex.test");
        Actor gina = actor(globex, "gina@globex.test");
        Actor gwen = actor(globex, "gwen@globex.test");

        var clinical = as(
                acme,
                () -> dataNets.create(
                        mia,
                        draft(
                                "Clinical Q&A",
                                "general medicine",
                                "Plain-language answers to common health questions, written and checked by clinicians.",
                                "QUESTION_ANSWER",
                                "CC-BY-4.0",
                                "PUBLIC",
                                2,
                                2)));
        as(acme, () -> contributions.contribute(carlos, clinical.getId(), "clinic.jsonl", bytes(CLINICAL)));
        // A contributor from another organization adds to the public DataNet.
        as(
                globex,
                () -> contributions.submit(
                        gus,
                        clinical.getId(),
                        java.util.Map.of(
                                "question",
                                "When should a fever in an adult be checked by a doctor?",
                                "answer",
                                "Seek advice if it lasts more than three days, exceeds 39.4 °C, or comes with a stiff neck,"
                                        + " confusion or difficulty breathing.")));
        List<ContributionView> queue = as(
                acme,
                () -> reviews.queue(vera, clinical.getId(), PageRequest.FIRST).items());
        // accepted: two approvals
        vote(acme, vera, queue.get(0), "approve", "Accurate and clear.");
        vote(acme, victor, queue.get(0), "approve", "Matches clinical guidance.");
        vote(acme, vera, queue.get(1), "approve", "Correct duration.");
        vote(acme, victor, queue.get(1), "approve", "Good.");
        vote(acme, vera, queue.get(2), "approve", "Correct.");
        vote(acme, victor, queue.get(2), "approve", "Clear explanation.");
        // rejected: with 2 of 2 required, one rejection decides
        vote(acme, vera, queue.get(3), "reject", "Too vague about resistance; needs a source.");
        // escalated: a split decision
        vote(acme, vera, queue.get(4), "approve", "Fine.");
        vote(acme, victor, queue.get(4), "reject", "Missing infant guidance details.");
        as(acme, () -> releases.publish(mia, clinical.getId()));

        var contracts = as(
                globex,
                () -> dataNets.create(
                        gina,
                        draft(
                                "Contract Clauses",
                                "commercial law",
                                "Standard commercial contract clauses labelled by type, curated by Globex's lawyers.",
                                "LABELLED_TEXT",
                                "proprietary",
                                "PRIVATE",
                                1,
                                1)));
        as(globex, () -> contributions.contribute(gus, contracts.getId(), "clauses.jsonl", bytes(CLAUSES)));
        List<ContributionView> clauses = as(
                globex,
                () -> reviews.queue(gwen, contracts.getId(), PageRequest.FIRST).items());
        vote(globex, gwen, clauses.get(0), "approve", "Standard confidentiality clause.");
        vote(globex, gwen, clauses.get(1), "reject", "Notice period label belongs under term, not termination.");
        as(globex, () -> releases.publish(gina, contracts.getId()));
    }

    private void vote(Tenant tenant, Actor validator, ContributionView c, String verdict, String reason) {
        as(tenant, () -> reviews.review(validator, c.id(), verdict, reason));
    }

    /** Through a service of its own transaction: a session remembers the tenant it was opened for. */
    private Actor actor(Tenant tenant, String email) {
        Member member = as(tenant, () -> membership.provision(email, email, java.util.Set.of()));
        return new Actor(tenant.getId(), member.getId(), member.getEmail(), member.getRoles());
    }

    private static <T> T as(Tenant tenant, Supplier<T> work) {
        return TenantContext.as(tenant.getId(), work);
    }

    private static java.io.InputStream bytes(String text) {
        return new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static DataNetDraft draft(
            String name,
            String domain,
            String description,
            String type,
            String licence,
            String visibility,
            int k,
            int n) {
        return new DataNetDraft(
                name,
                domain,
                description,
                List.of(domain.split(" ")[0], "demo"),
                type,
                licence,
                visibility,
                List.of("JSONL", "CSV", "TEXT", "MARKDOWN", "PDF", "DOCX"),
                50L * 1024 * 1024,
                10_000,
                "KEEP_VALID",
                "FLAG",
                0.8,
                k,
                n,
                "OWNER_ORGANIZATION");
    }
}
