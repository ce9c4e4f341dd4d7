package io.vcon.storage.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * A small grouped bar chart, drawn with Java2D so the harness needs no plotting library: per vCon size, client CPU
 * per save (log scale) and saves per second, against concurrency, for ours, the raw-SDK ceiling and the
 * vcon-server style baseline (c=1 only).
 */
final class Chart {

  private static final String[] SERIES = {
    "save_id", "raw_redis_get_2put", "save_vcon", "raw_2put", "python"
  };
  private static final String[] LABELS = {
    "ours: Storage.save(id) from Redis",
    "raw SDK: Redis GET + 2 PUTs",
    "ours: Storage.save(vcon)",
    "raw SDK: 2 PUTs",
    "vcon-server style (boto3)"
  };
  private static final Color[] COLORS = {
    new Color(0x1f77b4),
    new Color(0xaec7e8),
    new Color(0x2ca02c),
    new Color(0x98df8a),
    new Color(0xd62728)
  };

  private Chart() {}

  static void write(Summary s, Path file) throws IOException {
    System.setProperty("java.awt.headless", "true");
    List<String> sizes = s.sizes();
    int panelW = 560;
    int panelH = 340;
    int legendH = 70;
    BufferedImage img =
        new BufferedImage(panelW * 2, panelH * sizes.size() + legendH, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    for (int row = 0; row < sizes.size(); row++) {
      String size = sizes.get(row);
      panel(g, s, size, true, 0, row * panelH, panelW, panelH);
      panel(g, s, size, false, panelW, row * panelH, panelW, panelH);
    }
    int y = panelH * sizes.size() + 15;
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    for (int i = 0; i < SERIES.length; i++) {
      int x = 20 + (i % 3) * 370;
      int yy = y + (i / 3) * 22;
      g.setColor(COLORS[i]);
      g.fillRect(x, yy, 14, 14);
      g.setColor(Color.BLACK);
      g.drawString(LABELS[i], x + 20, yy + 12);
    }
    g.dispose();
    ImageIO.write(img, "png", file.toFile());
  }

  private static Optional<Measure.Result> value(Summary s, String series, String size, int c) {
    if (series.equals("python")) {
      return c == 1 ? s.python(size) : Optional.empty();
    }
    return s.median(series, size, c);
  }

  private static void panel(
      Graphics2D g, Summary s, String size, boolean cpu, int x0, int y0, int w, int h) {
    List<Integer> cs = s.concurrencies(size);
    if (cs.isEmpty()) {
      return;
    }
    int left = x0 + 70;
    int top = y0 + 40;
    int right = x0 + w - 20;
    int bottom = y0 + h - 40;
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    g.drawString(
        (cpu ? "client CPU per save, µs (log scale)" : "saves per second") + " — " + size + " vCon",
        left,
        y0 + 22);
    List<Double> all = new ArrayList<>();
    for (int c : cs) {
      for (String series : SERIES) {
        value(s, series, size, c)
            .ifPresent(r -> all.add(cpu ? r.cpuMicrosPerOp() : r.opsPerSecond()));
      }
    }
    double max = all.stream().mapToDouble(d -> d).max().orElse(1);
    double min = all.stream().mapToDouble(d -> d).filter(d -> d > 0).min().orElse(1);
    double lo = cpu ? Math.pow(10, Math.floor(Math.log10(min))) : 0;
    double hi = cpu ? Math.pow(10, Math.ceil(Math.log10(max))) : max * 1.1;
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    g.setStroke(new BasicStroke(1));
    // Axis and grid.
    if (cpu) {
      for (double t = lo; t <= hi * 1.001; t *= 10) {
        int y = yOf(t, lo, hi, true, top, bottom);
        g.setColor(new Color(0xdddddd));
        g.drawLine(left, y, right, y);
        g.setColor(Color.DARK_GRAY);
        g.drawString(String.format(Locale.ROOT, "%,.0f", t), x0 + 5, y + 4);
      }
    } else {
      for (int k = 0; k <= 4; k++) {
        double t = hi * k / 4;
        int y = yOf(t, lo, hi, false, top, bottom);
        g.setColor(new Color(0xdddddd));
        g.drawLine(left, y, right, y);
        g.setColor(Color.DARK_GRAY);
        g.drawString(String.format(Locale.ROOT, "%,.0f", t), x0 + 5, y + 4);
      }
    }
    g.setColor(Color.BLACK);
    g.drawLine(left, bottom, right, bottom);
    int groupW = (right - left) / cs.size();
    int barW = Math.max(6, (groupW - 30) / SERIES.length);
    for (int gi = 0; gi < cs.size(); gi++) {
      int c = cs.get(gi);
      int gx = left + gi * groupW + 15;
      for (int si = 0; si < SERIES.length; si++) {
        Optional<Measure.Result> r = value(s, SERIES[si], size, c);
        if (r.isEmpty()) {
          continue;
        }
        double v = cpu ? r.get().cpuMicrosPerOp() : r.get().opsPerSecond();
        int y = yOf(v, lo, hi, cpu, top, bottom);
        g.setColor(COLORS[si]);
        g.fillRect(gx + si * barW, y, barW - 2, bottom - y);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
        g.drawString(String.format(Locale.ROOT, "%.0f", v), gx + si * barW - 2, y - 3);
      }
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      g.drawString("c=" + c, gx + (SERIES.length * barW) / 2 - 12, bottom + 18);
    }
  }

  private static int yOf(double v, double lo, double hi, boolean log, int top, int bottom) {
    double f =
        log
            ? (Math.log10(Math.max(v, lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))
            : (v - lo) / (hi - lo);
    return (int) Math.round(bottom - f * (bottom - top));
  }
}
