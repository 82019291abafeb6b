package dev.explorer.agent.cli;

import dev.explorer.pool.EvalEntry;
import java.util.List;
import java.util.function.Predicate;

/** Opens {@link RewardCheckCommand#auc} to tests in other packages. */
public final class RewardCheckCommandTestAccess {
    private RewardCheckCommandTestAccess() {
    }

    public static double auc(float[] s, List<EvalEntry> e, Predicate<EvalEntry> pos, Predicate<EvalEntry> in) {
        return RewardCheckCommand.auc(s, e, pos, in);
    }
}
