package io.dayshift.evidence;

import io.dayshift.evidence.Verification.Mismatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Recomputes the chains from the rows alone and names the first entry that does not match: a missing entry, a broken
 * link to the entry before, content that no longer matches its hash, a head that says the chain is longer or ends
 * elsewhere, and — for a run that ended — a journal that no longer ends with the hash its site chain recorded.
 */
@Component
public class EvidenceVerifier {

    private final EvidenceStore store;

    EvidenceVerifier(EvidenceStore store) {
        this.store = store;
    }

    /** The run's journal, and its link in its site's chain once it has ended. */
    public Verification run(String run) {
        return run(run, store.entries(run));
    }

    /** {@link #run(String)} over the run's journal as already read ({@link EvidenceStore#entries}), reading it only once. */
    public Verification run(String run, List<Entry> entries) {
        Optional<Mismatch> mismatch = chain(Verification.RUN, run, entries, Entry::seq, Entry::previousHash, Entry::hash,
                e -> Chains.hash(e), Entry::step);
        if (mismatch.isEmpty()) {
            mismatch = store.head(run).flatMap(head -> head(Verification.RUN, run, entries.size(), last(entries, Entry::hash), head.lastSeq(),
                    head.lastHash()));
        }
        if (mismatch.isEmpty()) {
            Optional<EvidenceStore.RunHead> head = store.head(run);
            if (head.isPresent()) {
                mismatch = store.siteLink(head.get().site(), run).flatMap(link -> chained(link, entries));
            }
        }
        return new Verification(Verification.RUN, run, entries.size(), mismatch);
    }

    /** The site's chain, and each run's journal against the hash the chain recorded when the run ended. */
    public Verification site(String site) {
        List<SiteLink> links = store.siteChain(site);
        Optional<Mismatch> mismatch = chain(Verification.SITE, site, links, SiteLink::seq, SiteLink::previousHash, SiteLink::hash,
                l -> Chains.hash(l), SiteLink::run);
        if (mismatch.isEmpty()) {
            mismatch = store.siteHead(site).flatMap(head -> head(Verification.SITE, site, links.size(), last(links, SiteLink::hash),
                    head.seq(), head.hash()));
        }
        for (SiteLink link : links) {
            if (mismatch.isPresent()) {
                break;
            }
            mismatch = chained(link, store.entries(link.run()));
        }
        return new Verification(Verification.SITE, site, links.size(), mismatch);
    }

    /** Every site chain, then every run's journal. */
    public List<Verification> all() {
        List<Verification> all = new ArrayList<>();
        store.sites().forEach(site -> all.add(site(site)));
        store.runs().forEach(run -> all.add(run(run)));
        return all;
    }

    private static <T> Optional<Mismatch> chain(String chain, String id, List<T> entries, Function<T, Long> seq, Function<T, String> previous,
                                                Function<T, String> hash, Function<T, String> recomputed, Function<T, String> step) {
        String before = Chains.GENESIS;
        long expected = 1;
        for (T entry : entries) {
            long at = seq.apply(entry);
            if (at != expected) {
                return Optional.of(new Mismatch(chain, id, expected, "", "entry " + expected + " is missing (the next one is entry " + at + ")"));
            }
            if (!before.equals(previous.apply(entry))) {
                return Optional.of(new Mismatch(chain, id, at, step.apply(entry), "its link to entry " + (at - 1) + " does not match that "
                        + "entry's hash (an entry before it was changed, removed or replaced): it names " + previous.apply(entry)
                        + ", the entry before has " + before));
            }
            String computed = recomputed.apply(entry);
            if (!computed.equals(hash.apply(entry))) {
                return Optional.of(new Mismatch(chain, id, at, step.apply(entry), "its content does not match its hash (changed after it "
                        + "was written): stored " + hash.apply(entry) + ", recomputed " + computed));
            }
            before = hash.apply(entry);
            expected++;
        }
        return Optional.empty();
    }

    private static Optional<Mismatch> head(String chain, String id, long entries, String lastHash, long headSeq, String headHash) {
        if (entries == headSeq && lastHash.equals(headHash)) {
            return Optional.empty();
        }
        return Optional.of(new Mismatch(chain, id, Math.max(entries, headSeq), "", "the chain's head says it ends with entry " + headSeq
                + " (hash " + headHash + "), but its entries end with entry " + entries + " (hash " + lastHash
                + "): entries were removed or added outside the journal"));
    }

    /** Whether the run's journal still holds, at the place the site chain recorded, the hash it recorded. */
    private static Optional<Mismatch> chained(SiteLink link, List<Entry> entries) {
        Map<Long, String> hashes = entries.stream().collect(Collectors.toMap(Entry::seq, Entry::hash));
        String now = link.runSeq() == 0 ? Chains.GENESIS : hashes.get(link.runSeq());
        if (link.runHash().equals(now)) {
            return Optional.empty();
        }
        return Optional.of(new Mismatch(Verification.SITE, link.site(), link.seq(), link.run(), "run " + link.run() + " ended with entry "
                + link.runSeq() + " hashed " + link.runHash() + ", but its journal now " + (now == null ? "has no entry " + link.runSeq()
                : "has " + now + " there") + ": the run's journal was rewritten after it ended"));
    }

    private static <T> String last(List<T> entries, Function<T, String> hash) {
        return entries.isEmpty() ? Chains.GENESIS : hash.apply(entries.get(entries.size() - 1));
    }
}
