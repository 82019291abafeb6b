package dev.explorer.agent.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.explorer.agent.reward.KnnReward;
import java.util.List;
import org.junit.jupiter.api.Test;

class CenterTest {
    @Test
    void centringOnAllComparedImagesSpreadsRewards() {
        // a narrow cone, like the features of an untrained network: all cosines near 1
        float[][] target = {{10, 1, 0}, {10, 0, 1}, {10, 1, 1}};
        float[][] cand = {{10, 1, 0.5f}, {10, -1, -1}};
        float[] plain = new KnnReward(copy(target), 1).imageRewards(copy(cand));
        assertTrue(plain[0] > 0.98 && plain[1] > 0.97, "plain cosines are all near 1");
        float[][] t = copy(target);
        float[][] c = copy(cand);
        dev.explorer.agent.reward.KnnReward.center(t, c);
        float[] mean = new float[3];
        for (float[][] set : List.of(t, c)) {
            for (float[] row : set) {
                for (int j = 0; j < 3; j++) {
                    mean[j] += row[j] / 5;
                }
            }
        }
        assertArrayEquals(new float[] {0, 0, 0}, mean, 1e-6f);
        assertArrayEquals(new float[] {0, 0.6f, 0.2f}, c[0], 1e-6f);
        // an image right at the target's centre keeps the target's offset from the web: it scores high
        float[][] t2 = copy(target);
        float[][] atCentre = {{10, 2 / 3f, 2 / 3f}, {10, -1, -1}, {10, -1, -1}};
        dev.explorer.agent.reward.KnnReward.center(t2, atCentre);
        float[] r = new KnnReward(t2, 3).imageRewards(atCentre);
        assertTrue(r[0] > 0.5 && r[1] < -0.5, "centre image " + r[0] + ", far image " + r[1]);
        float[] centred = new KnnReward(t, 1).imageRewards(c);
        double plainGap = plain[0] - plain[1];
        double centredGap = centred[0] - centred[1];
        assertTrue(plainGap < 0.03 && centredGap > 0.4 && centredGap > 10 * plainGap,
                "gap plain " + plainGap + ", centred " + centredGap);
    }

    private static float[][] copy(float[][] a) {
        float[][] out = new float[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }
}
