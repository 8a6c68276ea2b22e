package dev.rebound.bench.resilience;

import dev.rebound.bench.common.Fmt;

import java.util.List;

/**
 * Wire attempts per second at the upstream, one step line per policy, the outage shaded: a hand-written
 * SVG (no charting dependency) that any browser or GitHub renders.
 */
final class OutageChart {
    /** One policy's line. */
    record Line(String label, String color, int[] perSecond) {
    }

    private static final int W = 900;
    private static final int H = 440;
    private static final int LEFT = 70;
    private static final int RIGHT = 190;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;

    private OutageChart() {
    }

    static String colorOf(Policy p) {
        switch (p) {
            case NONE:
                return "#7f7f7f";
            case NAIVE:
                return "#d62728";
            case RESILIENCE4J:
                return "#ff7f0e";
            case CHARGED_BUDGET:
                return "#9467bd";
            case ENVOY:
                return "#2ca02c";
            case GRPC:
                return "#8c564b";
            default:
                return "#1f77b4";
        }
    }

    static String render(String title, List<Line> lines, double outageStartS, double outageEndS,
                         double offeredRate, int seconds) {
        return render(title, lines, outageStartS, outageEndS, offeredRate, seconds, "upstream answers 502 (outage)",
                "wire attempts per second at the upstream", "app calls/s (offered)");
    }

    /** As above, with the shaded window's label, the y axis's label and the dashed line's label. */
    static String render(String title, List<Line> lines, double outageStartS, double outageEndS,
                         double offeredRate, int seconds, String shadeLabel, String yLabel, String dashedLabel) {
        int maxCount = (int) Math.ceil(offeredRate);
        for (Line l : lines) {
            for (int i = 0; i < Math.min(seconds, l.perSecond().length); i++) {
                maxCount = Math.max(maxCount, l.perSecond()[i]);
            }
        }
        double yMax = niceCeiling(maxCount * 1.05);
        double plotW = W - LEFT - RIGHT;
        double plotH = H - TOP - BOTTOM;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W).append("\" height=\"").append(H)
                .append("\" viewBox=\"0 0 ").append(W).append(' ').append(H)
                .append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        s.append(text(W / 2.0, 24, "middle", 15, escape(title)));
        double ox1 = LEFT + plotW * outageStartS / seconds;
        double ox2 = LEFT + plotW * Math.min(outageEndS, seconds) / seconds;
        s.append("<rect x=\"").append(f(ox1)).append("\" y=\"").append(TOP).append("\" width=\"").append(f(ox2 - ox1))
                .append("\" height=\"").append(f(plotH)).append("\" fill=\"#f2dede\"/>\n");
        s.append(text((ox1 + ox2) / 2, TOP + plotH - 10, "middle", 12, escape(shadeLabel)));
        for (int i = 0; i <= 5; i++) {
            double v = yMax * i / 5;
            double y = TOP + plotH - plotH * v / yMax;
            s.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(f(y)).append("\" x2=\"")
                    .append(f(LEFT + plotW)).append("\" y2=\"").append(f(y)).append("\" stroke=\"#ddd\"/>\n");
            s.append(text(LEFT - 8, y + 4, "end", 12, Fmt.f(v, 0)));
        }
        int step = seconds <= 15 ? 1 : seconds <= 40 ? 5 : 10;
        for (int t = 0; t <= seconds; t += step) {
            double x = LEFT + plotW * t / seconds;
            s.append("<line x1=\"").append(f(x)).append("\" y1=\"").append(f(TOP + plotH)).append("\" x2=\"")
                    .append(f(x)).append("\" y2=\"").append(f(TOP + plotH + 5)).append("\" stroke=\"#333\"/>\n");
            s.append(text(x, TOP + plotH + 20, "middle", 12, Integer.toString(t)));
        }
        s.append(text(LEFT + plotW / 2, H - 15, "middle", 12, "seconds since the load started"));
        s.append("<text x=\"18\" y=\"").append(f(TOP + plotH / 2)).append("\" text-anchor=\"middle\" transform=\"rotate(-90 18 ")
                .append(f(TOP + plotH / 2)).append(")\">").append(escape(yLabel)).append("</text>\n");
        double oy = TOP + plotH - plotH * offeredRate / yMax;
        s.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(f(oy)).append("\" x2=\"").append(f(LEFT + plotW))
                .append("\" y2=\"").append(f(oy)).append("\" stroke=\"#000\" stroke-dasharray=\"4 4\"/>\n");
        for (Line l : lines) {
            StringBuilder pts = new StringBuilder();
            for (int t = 0; t < seconds; t++) {
                int c = t < l.perSecond().length ? l.perSecond()[t] : 0;
                double y = TOP + plotH - plotH * c / yMax;
                pts.append(f(LEFT + plotW * t / seconds)).append(',').append(f(y)).append(' ')
                        .append(f(LEFT + plotW * (t + 1) / seconds)).append(',').append(f(y)).append(' ');
            }
            s.append("<polyline fill=\"none\" stroke=\"").append(l.color()).append("\" stroke-width=\"2\" points=\"")
                    .append(pts.toString().trim()).append("\"/>\n");
        }
        s.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(f(plotW))
                .append("\" height=\"").append(f(plotH)).append("\" fill=\"none\" stroke=\"#333\"/>\n");
        double ly = TOP + 10;
        double lx = LEFT + plotW + 15;
        for (Line l : lines) {
            s.append("<line x1=\"").append(f(lx)).append("\" y1=\"").append(f(ly)).append("\" x2=\"").append(f(lx + 24))
                    .append("\" y2=\"").append(f(ly)).append("\" stroke=\"").append(l.color()).append("\" stroke-width=\"3\"/>\n");
            s.append(text(lx + 30, ly + 4, "start", 12, escape(l.label())));
            ly += 22;
        }
        s.append("<line x1=\"").append(f(lx)).append("\" y1=\"").append(f(ly)).append("\" x2=\"").append(f(lx + 24))
                .append("\" y2=\"").append(f(ly)).append("\" stroke=\"#000\" stroke-dasharray=\"4 4\"/>\n");
        s.append(text(lx + 30, ly + 4, "start", 12, escape(dashedLabel)));
        s.append("</svg>\n");
        return s.toString();
    }

    private static double niceCeiling(double v) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(Math.max(1, v))));
        for (double m : new double[] {1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
            if (m * magnitude >= v) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String text(double x, double y, String anchor, int size, String body) {
        return "<text x=\"" + f(x) + "\" y=\"" + f(y) + "\" text-anchor=\"" + anchor + "\" font-size=\"" + size + "\">"
                + body + "</text>\n";
    }

    private static String f(double v) {
        return Fmt.f(v, 1);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
