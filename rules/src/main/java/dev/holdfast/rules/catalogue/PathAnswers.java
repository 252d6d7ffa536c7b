package dev.holdfast.rules.catalogue;

import java.util.Objects;
import java.util.function.BiPredicate;

/**
 * Yes/no answers that depend on a file's path alone (does a rule apply here, is this a test or an example file),
 * each worked out once per path and thread. The path globs are regular expressions, and a history scan shows the
 * detector one path's versions one after another, thousands of times for a busy file: asked again and again, they
 * took a fifth of a history scan. Only the last path each thread asked about is kept, so nothing grows with the
 * number of paths, and a tree scan (each path once) pays one comparison more.
 */
final class PathAnswers {
    private static final byte UNKNOWN = 0;
    private static final byte NO = 1;
    private static final byte YES = 2;

    private final int questions;
    private final BiPredicate<Integer, String> answer;
    private final ThreadLocal<Answers> last = new ThreadLocal<>();

    /**
     * @param questions how many questions there are (numbered from 0)
     * @param answer    the answer to question {@code q} for a path; a pure function of the two
     */
    PathAnswers(int questions, BiPredicate<Integer, String> answer) {
        this.questions = questions;
        this.answer = answer;
    }

    /** The answer to question {@code q} for {@code path}, remembered while this thread keeps asking about it. */
    boolean get(int q, String path) {
        return of(path).get(q);
    }

    /** The answers for {@code path}: those this thread worked out already, the others on demand. */
    Answers of(String path) {
        Answers a = last.get();
        if (a == null || !Objects.equals(a.path, path)) {
            a = new Answers(path);
            last.set(a);
        }
        return a;
    }

    /** One path's answers; confined to the thread that asked for them. */
    final class Answers {
        private final String path;
        private final byte[] known = new byte[questions];

        private Answers(String path) {
            this.path = path;
        }

        boolean get(int q) {
            byte a = known[q];
            if (a == UNKNOWN) {
                a = answer.test(q, path) ? YES : NO;
                known[q] = a;
            }
            return a == YES;
        }
    }
}
