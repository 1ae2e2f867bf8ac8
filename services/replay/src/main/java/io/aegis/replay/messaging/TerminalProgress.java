package io.aegis.replay.messaging;

import java.io.PrintStream;

/**
 * A plain-terminal progress bar on stderr: one line redrawn with a carriage return, at most once
 * per percent, so that redirected output stays small and stdout stays clean for data.
 */
public final class TerminalProgress implements ProgressReporter {

    private static final int WIDTH = 30;

    private final PrintStream err;
    private String label = "";
    private long total;
    private long done;
    private int lastPercent = -1;

    public TerminalProgress(PrintStream err) {
        this.err = err;
    }

    @Override
    public void start(String label, long total) {
        this.label = label;
        this.total = total;
        this.done = 0;
        this.lastPercent = -1;
        draw();
    }

    @Override
    public void advance(long delta) {
        done = Math.min(total, done + delta);
        draw();
    }

    @Override
    public void finish() {
        done = total;
        lastPercent = -1;
        draw();
        err.println();
        err.flush();
    }

    private void draw() {
        int percent = total == 0 ? 100 : (int) (done * 100 / total);
        if (percent == lastPercent) {
            return;
        }
        lastPercent = percent;
        int filled = percent * WIDTH / 100;
        err.print("\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] "
                + String.format("%3d%% %d/%d %s", percent, done, total, label));
        err.flush();
    }
}
