package org.fieldcast.sim;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Random;

/**
 * The world a simulated dome looks at: a 360-degree panorama, {@value #PIXELS_PER_DEGREE} pixels a
 * degree, from {@value #ABOVE_HORIZON} degrees above the horizon to {@value #BELOW_HORIZON} below,
 * so that the view still has picture at the tilt limits. Sky, ground, a road, buildings in many
 * colours and a labelled degree grid, so that any move changes the picture visibly and a viewer
 * can read where the dome points. Drawn once per JVM (about 9 MB) and shared read-only.
 */
final class Panorama {
    static final int PIXELS_PER_DEGREE = 8;
    static final int ABOVE_HORIZON = 25;
    static final int BELOW_HORIZON = 115;
    static final int WIDTH = 360 * PIXELS_PER_DEGREE;
    static final int HEIGHT = (ABOVE_HORIZON + BELOW_HORIZON) * PIXELS_PER_DEGREE;

    private static volatile byte[] shared;

    private Panorama() {
    }

    /** The panorama as packed BGR rows of {@link #WIDTH} pixels. */
    static byte[] bgr() {
        byte[] p = shared;
        if (p == null) {
            synchronized (Panorama.class) {
                p = shared;
                if (p == null) {
                    p = draw();
                    shared = p;
                }
            }
        }
        return p;
    }

    /** Row of the panorama for a tilt in degrees below the horizon. */
    static double row(double tiltDegrees) {
        return (tiltDegrees + ABOVE_HORIZON) * PIXELS_PER_DEGREE;
    }

    private static byte[] draw() {
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            int horizon = (int) row(0);
            g.setPaint(new GradientPaint(0, 0, new Color(20, 60, 140), 0, horizon, new Color(150, 200, 240)));
            g.fillRect(0, 0, WIDTH, horizon);
            g.setPaint(new GradientPaint(0, horizon, new Color(90, 130, 60), 0, HEIGHT, new Color(60, 50, 40)));
            g.fillRect(0, horizon, WIDTH, HEIGHT - horizon);
            fields(g, horizon);
            clouds(g, horizon);
            road(g);
            buildings(g, horizon);
            grid(g, horizon);
        } finally {
            g.dispose();
        }
        return ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    }

    /** Fields of 10 by 10 degrees in varied greens and browns, so that no two views of the ground look alike. */
    private static void fields(Graphics2D g, int horizon) {
        Random random = new Random(11);
        int cell = 10 * PIXELS_PER_DEGREE;
        for (int y = horizon; y < HEIGHT; y += cell) {
            for (int x = 0; x < WIDTH; x += cell) {
                g.setColor(Color.getHSBColor(0.12f + random.nextFloat() * 0.22f, 0.35f + random.nextFloat() * 0.4f,
                        0.3f + random.nextFloat() * 0.4f));
                g.fillRect(x, y, cell, cell);
            }
        }
    }

    private static void clouds(Graphics2D g, int horizon) {
        Random random = new Random(5);
        g.setColor(new Color(255, 255, 255, 170));
        for (int i = 0; i < 40; i++) {
            int w = (6 + random.nextInt(14)) * PIXELS_PER_DEGREE;
            int h = (2 + random.nextInt(4)) * PIXELS_PER_DEGREE;
            int x = random.nextInt(WIDTH - w);
            g.fillOval(x, random.nextInt(Math.max(1, horizon - h - 4 * PIXELS_PER_DEGREE)), w, h);
        }
    }

    private static void road(Graphics2D g) {
        int top = (int) row(30);
        g.setColor(new Color(70, 70, 75));
        g.fillRect(0, top, WIDTH, 18 * PIXELS_PER_DEGREE);
        g.setColor(new Color(240, 240, 240));
        for (int x = 0; x < WIDTH; x += 6 * PIXELS_PER_DEGREE) {
            g.fillRect(x, top + 9 * PIXELS_PER_DEGREE - 3, 3 * PIXELS_PER_DEGREE, 6);
        }
    }

    private static void buildings(Graphics2D g, int horizon) {
        Random random = new Random(7); // the same world every run
        for (int degree = 2; degree < 356; degree += 6 + random.nextInt(6)) {
            int w = (3 + random.nextInt(4)) * PIXELS_PER_DEGREE;
            int h = (4 + random.nextInt(12)) * PIXELS_PER_DEGREE;
            int x = degree * PIXELS_PER_DEGREE;
            g.setColor(Color.getHSBColor(random.nextFloat(), 0.55f + random.nextFloat() * 0.4f, 0.5f + random.nextFloat() * 0.45f));
            g.fillRect(x, horizon - h, w, h + 2 * PIXELS_PER_DEGREE);
            g.setColor(new Color(30, 30, 40));
            for (int wy = horizon - h + 8; wy < horizon - 6; wy += 14) {
                for (int wx = x + 6; wx < x + w - 8; wx += 14) {
                    g.fillRect(wx, wy, 6, 7);
                }
            }
        }
    }

    private static void grid(Graphics2D g, int horizon) {
        g.setStroke(new BasicStroke(2));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 3 * PIXELS_PER_DEGREE));
        for (int pan = 0; pan < 360; pan += 10) {
            int x = pan * PIXELS_PER_DEGREE;
            g.setColor(new Color(255, 255, 255, pan % 90 == 0 ? 200 : 90));
            g.drawLine(x, 0, x, HEIGHT);
            if (pan % 30 == 0) {
                String label = String.format("%03d", pan) + switch (pan) {
                    case 0 -> " N";
                    case 90 -> " E";
                    case 180 -> " S";
                    case 270 -> " W";
                    default -> "";
                };
                g.setColor(new Color(255, 230, 0));
                g.drawString(label, x + 6, horizon + 4 * PIXELS_PER_DEGREE);
            }
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 2 * PIXELS_PER_DEGREE));
        for (int tilt = 10; tilt < BELOW_HORIZON; tilt += 10) {
            int y = (int) row(tilt);
            g.setColor(new Color(255, 255, 255, 70));
            g.drawLine(0, y, WIDTH, y);
            for (int pan = 15; pan < 360; pan += 45) {
                g.setColor(new Color(255, 255, 255, 160));
                g.drawString("tilt " + tilt, pan * PIXELS_PER_DEGREE, y - 4);
            }
        }
        g.setColor(new Color(255, 255, 255, 160));
        g.drawLine(0, horizon, WIDTH, horizon);
    }
}
