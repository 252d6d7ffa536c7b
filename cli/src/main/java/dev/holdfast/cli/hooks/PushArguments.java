package dev.holdfast.cli.hooks;

import dev.holdfast.scanner.push.RefUpdate;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The ref updates a {@code git push} command line will ask for, worked out before it runs (an agent's hook sees the
 * command, not git's pre-push stdin): the remote as git chooses it, each refspec's source and destination, deletions,
 * {@code --all}, {@code --tags} and {@code --mirror}, and the remote's current value from the remote-tracking refs.
 */
public final class PushArguments {
    private static final Set<String> VALUED = Set.of("-o", "--push-option", "--receive-pack", "--exec", "--repo");

    /** The remote and the updates, as git's pre-push hook would receive them. */
    public record Plan(String remote, List<RefUpdate> updates) {
    }

    private PushArguments() {
    }

    public static Plan plan(Repository repo, List<String> args) throws IOException {
        List<String> positional = new ArrayList<>();
        boolean all = false;
        boolean tags = false;
        boolean delete = false;
        String repoOption = null;
        for (int i = 0; i < args.size(); i++) {
            String w = args.get(i);
            if (w.equals("--")) {
                positional.addAll(args.subList(i + 1, args.size()));
                break;
            }
            if (w.startsWith("--repo=")) {
                repoOption = w.substring("--repo=".length());
            } else if (w.equals("--all") || w.equals("--branches") || w.equals("--mirror")) {
                all = true;
                tags |= w.equals("--mirror");
            } else if (w.equals("--tags")) {
                tags = true;
            } else if (w.equals("-d") || w.equals("--delete")) {
                delete = true;
            } else if (VALUED.contains(w)) {
                if (w.equals("--repo") && i + 1 < args.size()) {
                    repoOption = args.get(i + 1);
                }
                i++;
            } else if (!w.startsWith("-")) {
                positional.add(w);
            }
        }
        String branch = repo.getBranch();
        boolean onBranch = branch != null && !ObjectId.isId(branch);
        String remote = !positional.isEmpty() ? positional.remove(0)
                : repoOption != null ? repoOption : defaultRemote(repo.getConfig(), onBranch ? branch : null);
        List<RefUpdate> updates = new ArrayList<>();
        if (all) {
            for (Ref r : repo.getRefDatabase().getRefsByPrefix(Constants.R_HEADS)) {
                updates.add(update(repo, remote, r.getName(), r.getObjectId(), r.getName()));
            }
        }
        if (tags) {
            for (Ref r : repo.getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
                updates.add(update(repo, remote, r.getName(), r.getObjectId(), r.getName()));
            }
        }
        for (String spec : positional) {
            String s = spec.startsWith("+") ? spec.substring(1) : spec;
            int colon = s.indexOf(':');
            String src = delete ? "" : colon < 0 ? s : s.substring(0, colon);
            String dst = delete ? s : colon < 0 ? s : s.substring(colon + 1);
            if (src.isEmpty()) {
                updates.add(new RefUpdate(full(repo, dst, branch),
                        remoteValue(repo, remote, full(repo, dst, branch)).name(), ObjectId.zeroId().name(), false));
                continue;
            }
            Ref ref = repo.findRef(src);
            ObjectId id = repo.resolve(src);
            if (id == null) {
                continue; // git will refuse the push: nothing leaves
            }
            String local = ref != null ? ref.getTarget().getName() : src;
            String target = colon < 0 && "HEAD".equals(src) && onBranch ? Constants.R_HEADS + branch
                    : full(repo, colon < 0 ? local : dst, branch);
            updates.add(update(repo, remote, local, id, target));
        }
        if (positional.isEmpty() && !all && !tags && !delete && onBranch) {
            Ref head = repo.exactRef(Constants.R_HEADS + branch);
            if (head != null && head.getObjectId() != null) {
                updates.add(update(repo, remote, head.getName(), head.getObjectId(), upstream(repo, branch)));
            }
        }
        return new Plan(remote, updates);
    }

    private static RefUpdate update(Repository repo, String remote, String local, ObjectId id, String dst)
            throws IOException {
        return new RefUpdate(dst, remoteValue(repo, remote, dst).name(), id.name(), false);
    }

    /** What the remote-tracking ref says the remote has for {@code dst}; zero when unknown (a new ref). */
    private static ObjectId remoteValue(Repository repo, String remote, String dst) throws IOException {
        if (dst.startsWith(Constants.R_HEADS)) {
            Ref tracking = repo.exactRef(Constants.R_REMOTES + remote + "/" + dst.substring(Constants.R_HEADS.length()));
            if (tracking != null && tracking.getObjectId() != null) {
                return tracking.getObjectId();
            }
        }
        return ObjectId.zeroId();
    }

    /** A destination as git reads it: a full ref, or a branch (a tag when such a tag exists locally). */
    private static String full(Repository repo, String dst, String branch) throws IOException {
        if (dst.startsWith("refs/")) {
            return dst;
        }
        if ("HEAD".equals(dst) && branch != null) {
            return Constants.R_HEADS + branch;
        }
        return repo.exactRef(Constants.R_TAGS + dst) != null && repo.exactRef(Constants.R_HEADS + dst) == null
                ? Constants.R_TAGS + dst : Constants.R_HEADS + dst;
    }

    /** The branch a plain {@code git push} updates: the upstream's name when one is set, else the same name. */
    private static String upstream(Repository repo, String branch) {
        String merge = repo.getConfig().getString("branch", branch, "merge");
        return merge != null && merge.startsWith(Constants.R_HEADS) ? merge : Constants.R_HEADS + branch;
    }

    private static String defaultRemote(Config c, String branch) {
        String r = branch == null ? null : c.getString("branch", branch, "pushRemote");
        r = r != null ? r : c.getString("remote", null, "pushDefault");
        r = r != null ? r : branch == null ? null : c.getString("branch", branch, "remote");
        return r != null ? r : "origin";
    }
}
