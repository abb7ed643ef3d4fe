package io.polyface.examples.synth;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.GeneralPath;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;

/**
 * Draws one cartoon face with Java2D (package-private; {@link SyntheticFaceRenderer} is the public entry).
 * All coordinates are crop pixels as in {@link FaceIdentity}; the caller's {@link Graphics2D} maps them
 * onto its canvas. The parts are painted back to front: background, hair behind the head, neck, ears,
 * face, beard, eyes, brows, glasses, nose, mouth, moustache, scalp hair, side light.
 */
final class FaceDrawing {

    /** Horizontal narrowing of the inner face per unit of |yaw|. */
    static final double YAW_NARROWING = 0.12;
    /** Sideways movement of the inner face per unit of yaw, pixels. */
    static final double YAW_SHIFT = 5;
    /** Extra sideways movement of the nose tip (it stands out of the face plane) per unit of yaw, pixels. */
    static final double YAW_NOSE_SHIFT = 2.5;
    /** Upward movement of the mouth corners per unit of smile, pixels. */
    static final double SMILE_LIFT = 3.5;

    private static final Color SCLERA = new Color(0xF2EEE8);
    private static final Color PUPIL = new Color(0x0E0A08);
    private static final Color LID = new Color(0x2A1A14);
    private static final Color MOUTH_INSIDE = new Color(0x3C1414);
    private static final Color TEETH = new Color(0xEDE8DC);
    private static final Color FRAME = new Color(0x1E1E22);

    private final Graphics2D g;
    private final FaceIdentity id;
    private final Nuisance.Expression expression;
    private final Nuisance.Lighting lighting;
    private final double yaw;
    private final double cx = FaceIdentity.CENTRE_X;
    private final double cy = FaceIdentity.CENTRE_Y;
    private final Color skin;
    private final Color hair;

    private FaceDrawing(Graphics2D g, FaceIdentity id, Nuisance nuisance) {
        this.g = g;
        this.id = id;
        this.expression = nuisance.expression();
        this.lighting = nuisance.lighting();
        this.yaw = nuisance.pose().yaw();
        this.skin = new Color(id.head().skinRgb());
        this.hair = new Color(id.hair().rgb());
    }

    /**
     * Paints the face.
     *
     * @param g graphics whose user space is crop pixels (antialiasing set by the caller)
     * @param id the identity
     * @param nuisance the per-image parameters (expression, yaw, lighting; not the warp or degradations)
     * @param extent the region to fill with the background, in crop pixels
     */
    static void draw(Graphics2D g, FaceIdentity id, Nuisance nuisance, Rectangle2D extent) {
        new FaceDrawing(g, id, nuisance).paint(extent);
    }

    /**
     * The x coordinate of an inner-face point after the head turn.
     *
     * @param x crop x before the turn
     * @param yaw head turn, −1..1
     * @param extraShift further sideways movement per unit of yaw (0, or {@link #YAW_NOSE_SHIFT} for the nose tip)
     * @return crop x after the turn
     */
    static double turnX(double x, double yaw, double extraShift) {
        return FaceIdentity.CENTRE_X + (x - FaceIdentity.CENTRE_X) * (1 - YAW_NARROWING * Math.abs(yaw))
                + (YAW_SHIFT + extraShift) * yaw;
    }

    private void paint(Rectangle2D extent) {
        g.setColor(new Color(lighting.backgroundRgb()));
        g.fill(extent);
        Shape face = faceOutline();
        paintBackHair();
        paintNeck();
        paintEars();
        g.setColor(skin);
        g.fill(face);
        shadeFace(face);
        paintBeard(face);
        AffineTransform base = g.getTransform();
        g.transform(innerFaceTurn());
        paintEyes();
        paintBrows();
        if (id.glasses()) {
            paintGlasses();
        }
        g.setTransform(base);
        paintNose();
        g.transform(innerFaceTurn());
        paintMouth();
        paintMoustache();
        g.setTransform(base);
        paintScalpHair(face);
        paintSideLight(extent);
    }

    /** The head turn as a transform of crop space: x ↦ {@link #turnX}. */
    private AffineTransform innerFaceTurn() {
        double k = 1 - YAW_NARROWING * Math.abs(yaw);
        return new AffineTransform(k, 0, 0, 1, cx * (1 - k) + YAW_SHIFT * yaw, 0);
    }

    private Shape faceOutline() {
        FaceIdentity.Head h = id.head();
        double hw = h.halfWidth();
        double hh = h.halfHeight();
        double jaw = hw * h.jawWidth();
        double chin = hw * h.chinWidth();
        double top = cy - hh;
        double bottom = cy + hh;
        double cheekY = cy - 0.05 * hh;
        double jawY = cy + 0.6 * hh;
        Path2D.Double p = new Path2D.Double();
        p.moveTo(cx, top);
        p.curveTo(cx + 0.6 * hw, top, cx + hw, cy - 0.6 * hh, cx + hw, cheekY);
        p.curveTo(cx + hw, cy + 0.3 * hh, cx + jaw + 0.25 * (hw - jaw), jawY - 0.1 * hh, cx + jaw, jawY);
        p.curveTo(cx + jaw - 0.15 * (jaw - chin), cy + 0.85 * hh, cx + chin + 0.35 * (jaw - chin), bottom, cx + chin, bottom);
        p.quadTo(cx, bottom + 1.5, cx - chin, bottom);
        p.curveTo(cx - chin - 0.35 * (jaw - chin), bottom, cx - jaw + 0.15 * (jaw - chin), cy + 0.85 * hh, cx - jaw, jawY);
        p.curveTo(cx - jaw - 0.25 * (hw - jaw), jawY - 0.1 * hh, cx - hw, cy + 0.3 * hh, cx - hw, cheekY);
        p.curveTo(cx - hw, cy - 0.6 * hh, cx - 0.6 * hw, top, cx, top);
        p.closePath();
        return p;
    }

    private void shadeFace(Shape face) {
        FaceIdentity.Head h = id.head();
        float r = (float) (1.15 * Math.max(h.halfWidth(), h.halfHeight()));
        // filled through the antialiased outline itself (a clip would leave an unshaded rim)
        g.setPaint(new RadialGradientPaint((float) cx, (float) (cy + 4), r, new float[] {0.45f, 1f},
                new Color[] {new Color(0, 0, 0, 0), new Color(0, 0, 0, 70)}));
        g.fill(face);
    }

    private void paintNeck() {
        FaceIdentity.Head h = id.head();
        double w = 0.5 * h.halfWidth();
        g.setColor(shade(skin, 0.82));
        g.fill(new Rectangle2D.Double(cx - w, cy + 0.3 * h.halfHeight(), 2 * w, 80));
    }

    private void paintEars() {
        FaceIdentity.Head h = id.head();
        double ey = 0.5 * (id.eyes().y() + id.nose().tipY());
        double size = h.earSize();
        for (int side = -1; side <= 1; side += 2) {
            // the ear on the side the head turns towards disappears behind the cheek
            double visible = Math.max(0.15, 1 - 0.8 * Math.max(0, side * yaw));
            double ew = 0.6 * size * visible;
            double ex = cx + side * (h.halfWidth() - 1.5);
            Ellipse2D ear = new Ellipse2D.Double(side < 0 ? ex - ew : ex - 0.3 * ew, ey - size, 1.3 * ew, 2 * size);
            g.setColor(shade(skin, 0.93));
            g.fill(ear);
            g.setColor(shade(skin, 0.72));
            g.setStroke(new BasicStroke(1f));
            g.draw(new Ellipse2D.Double(ear.getX() + 0.35 * ear.getWidth(), ey - 0.55 * size, 0.35 * ear.getWidth(), 1.1 * size));
        }
    }

    private void paintBackHair() {
        FaceIdentity.Hair hr = id.hair();
        FaceIdentity.Head h = id.head();
        double v = hr.volume();
        g.setColor(shade(hair, 0.85));
        switch (hr.style()) {
            case LONG -> {
                double w = h.halfWidth() + v + 5;
                g.fill(new RoundRectangle2D.Double(cx - w, cy - h.halfHeight() - v, 2 * w, 2 * h.halfHeight() + v + 30, 2 * w, 2 * w));
            }
            case CURLY -> {
                double rx = h.halfWidth() + v;
                double ry = 0.85 * h.halfHeight() + v;
                for (int i = 0; i <= 14; i++) {
                    double a = Math.PI * (1.05 + 0.9 * i / 14.0);
                    double px = cx + rx * StrictMath.cos(a);
                    double py = cy - 0.15 * h.halfHeight() + ry * StrictMath.sin(a);
                    double r = 5 + 0.4 * v;
                    g.fill(new Ellipse2D.Double(px - r, py - r, 2 * r, 2 * r));
                }
                g.fill(new Ellipse2D.Double(cx - rx, cy - 0.15 * h.halfHeight() - ry, 2 * rx, 2 * ry));
            }
            default -> { }
        }
    }

    private void paintScalpHair(Shape face) {
        FaceIdentity.Hair hr = id.hair();
        FaceIdentity.Head h = id.head();
        if (hr.style() == FaceIdentity.HairStyle.BALD) {
            return;
        }
        double hw = h.halfWidth();
        double v = hr.volume();
        double browY = id.eyes().y() - id.brows().gap();
        // the hair mass: the skull outline grown by the volume, down to just above the eyes at the temples
        Area mass = new Area(new Ellipse2D.Double(cx - hw - 0.5 * v - 1, cy - h.halfHeight() - v, 2 * (hw + 0.5 * v + 1),
                2 * (h.halfHeight() + v)));
        mass.intersect(new Area(new Rectangle2D.Double(cx - 100, -100, 200, browY - 2 + 100)));
        // the forehead left bare below the hairline
        double line = Math.min(hr.hairline(), browY - 6);
        Path2D.Double bare = new Path2D.Double();
        switch (hr.style()) {
            case FRINGE -> {
                double fy = browY - 4;
                bare.moveTo(cx - hw * 0.95, fy + 2);
                for (int i = 1; i <= 8; i++) { // a slightly ragged straight cut
                    double x = cx - hw * 0.95 + i * hw * 1.9 / 8;
                    bare.lineTo(x - hw * 0.12, fy + ((i & 1) == 0 ? 0 : 1.5));
                    bare.lineTo(x, fy + 2);
                }
            }
            case SIDE_PART -> {
                bare.moveTo(cx - hw * 0.9, line + 10);
                bare.curveTo(cx - hw * 0.6, line - 2, cx - hw * 0.2, line - 3, cx + hw * 0.2, line + 3);
                bare.curveTo(cx + hw * 0.5, line + 8, cx + hw * 0.8, line + 12, cx + hw * 0.9, line + 14);
            }
            default -> {
                bare.moveTo(cx - hw * 0.9, line + 9);
                bare.curveTo(cx - hw * 0.75, line + 1, cx - hw * 0.4, line, cx, line);
                bare.curveTo(cx + hw * 0.4, line, cx + hw * 0.75, line + 1, cx + hw * 0.9, line + 9);
            }
        }
        bare.lineTo(cx + hw * 0.9, 200);
        bare.lineTo(cx - hw * 0.9, 200);
        bare.closePath();
        Area bareFace = new Area(bare);
        bareFace.intersect(new Area(face)); // beside the face the hair mass stays, covering the temples
        mass.subtract(bareFace);
        g.setColor(hair);
        g.fill(mass);
        if (hr.style() == FaceIdentity.HairStyle.LONG) {
            // curtains of hair in front of the ears, down past the jaw
            double w = 0.2 * hw + 0.4 * v;
            double top = cy - 0.5 * h.halfHeight();
            for (int side = -1; side <= 1; side += 2) {
                double outer = cx + side * (hw + 0.5 * v + 1);
                double x = side < 0 ? outer : outer - w;
                g.fill(new RoundRectangle2D.Double(x, top, w, 0.5 * h.halfHeight() + h.halfHeight() * 0.95, w, w));
            }
        }
        // a few strands for texture
        g.setColor(shade(hair, 0.7));
        g.setStroke(new BasicStroke(0.8f));
        Shape clip = g.getClip();
        g.clip(mass);
        for (int i = -3; i <= 3; i++) {
            double x = cx + i * hw / 4;
            GeneralPath strand = new GeneralPath();
            strand.moveTo(x, cy - h.halfHeight() - v);
            strand.quadTo(x + 3 * i, line - 6, x + 4 * i, line + 2);
            g.draw(strand);
        }
        g.setClip(clip);
        if (hr.style() == FaceIdentity.HairStyle.SIDE_PART) {
            g.setColor(shade(hair, 0.55));
            g.setStroke(new BasicStroke(1f));
            g.draw(new Line2D.Double(cx + hw * 0.2, line + 3, cx + hw * 0.1, cy - h.halfHeight() - v + 3));
        }
    }

    private void paintBeard(Shape face) {
        FaceIdentity.FacialHair style = id.facialHair();
        if (style == FaceIdentity.FacialHair.NONE || style == FaceIdentity.FacialHair.MOUSTACHE) {
            return;
        }
        // the beard grows on the lower face, below eye level at the sideburns and below the nose in the middle:
        // the face minus the upper half-plane and minus an ellipse whose lowest point is just under the nose
        FaceIdentity.Head h = id.head();
        double top = style == FaceIdentity.FacialHair.BEARD ? id.nose().tipY() + 2 : id.nose().tipY() + 4;
        double sideburn = id.eyes().y() + 6;
        double ry = top - id.eyes().y();
        Area beard = new Area(face);
        beard.intersect(new Area(new Rectangle2D.Double(cx - 100, sideburn, 200, 200)));
        beard.subtract(new Area(new Ellipse2D.Double(cx - 0.78 * h.halfWidth(), top - 2 * ry, 1.56 * h.halfWidth(), 2 * ry)));
        int alpha = style == FaceIdentity.FacialHair.BEARD ? 235 : 55;
        g.setColor(withAlpha(hair, alpha));
        g.fill(beard);
    }

    private void paintEyes() {
        FaceIdentity.Eyes e = id.eyes();
        double hwEye = e.halfWidth();
        double hhEye = e.halfHeight() * expression.eyeOpenness();
        for (int side = -1; side <= 1; side += 2) {
            double ex = cx + side * e.spacing() / 2;
            double ey = e.y();
            AffineTransform before = g.getTransform();
            // positive tilt lifts the outer corner: counter-clockwise on screen for the right-hand eye
            g.rotate(Math.toRadians(-side * e.tiltDegrees()), ex, ey);
            Path2D.Double eye = new Path2D.Double();
            eye.moveTo(ex - hwEye, ey);
            eye.quadTo(ex, ey - 2 * hhEye, ex + hwEye, ey);
            eye.quadTo(ex, ey + 1.5 * hhEye, ex - hwEye, ey);
            eye.closePath();
            // lid crease and a soft socket shadow
            g.setColor(new Color(0, 0, 0, 28));
            g.fill(new Ellipse2D.Double(ex - 1.15 * hwEye, ey - 2.2 * e.halfHeight(), 2.3 * hwEye, 3.2 * e.halfHeight()));
            g.setColor(SCLERA);
            g.fill(eye);
            Area opening = new Area(eye);
            double ir = Math.min(0.55 * hwEye, 1.3 * e.halfHeight());
            double ix = ex + 0.25 * hwEye * yaw;
            g.setColor(new Color(e.irisRgb()));
            fillWithin(new Ellipse2D.Double(ix - ir, ey - ir, 2 * ir, 2 * ir), opening);
            g.setColor(PUPIL);
            double pr = 0.45 * ir;
            fillWithin(new Ellipse2D.Double(ix - pr, ey - pr, 2 * pr, 2 * pr), opening);
            g.setColor(Color.WHITE);
            fillWithin(new Ellipse2D.Double(ix + 0.2 * ir, ey - 0.55 * ir, 0.45 * ir, 0.45 * ir), opening);
            g.setColor(LID);
            g.setStroke(new BasicStroke(1.3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            Path2D.Double upper = new Path2D.Double();
            upper.moveTo(ex - hwEye - 0.5, ey + 0.3);
            upper.quadTo(ex, ey - 2 * hhEye, ex + hwEye + 0.5, ey + 0.3);
            g.draw(upper);
            g.setTransform(before);
        }
    }

    private void paintBrows() {
        FaceIdentity.Eyes e = id.eyes();
        FaceIdentity.Brows b = id.brows();
        double length = 2 * e.halfWidth() * b.length();
        double y = e.y() - b.gap() - expression.browRaise();
        double rise = StrictMath.tan(Math.toRadians(b.tiltDegrees())) * length;
        g.setColor(shade(hair, 0.8));
        g.setStroke(new BasicStroke((float) b.thickness(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (int side = -1; side <= 1; side += 2) {
            double inner = cx + side * (e.spacing() / 2 - 0.8 * e.halfWidth());
            double outer = inner + side * length;
            Path2D.Double brow = new Path2D.Double();
            brow.moveTo(inner, y);
            brow.quadTo(0.5 * (inner + outer), y - rise / 2 - 2 * b.arch(), outer, y - rise);
            g.draw(brow);
        }
    }

    private void paintGlasses() {
        FaceIdentity.Eyes e = id.eyes();
        double rw = e.halfWidth() + 4;
        double rh = Math.max(5.5, 2 * e.halfHeight() + 2.5);
        g.setColor(FRAME);
        g.setStroke(new BasicStroke(1.4f));
        for (int side = -1; side <= 1; side += 2) {
            double ex = cx + side * e.spacing() / 2;
            g.draw(new RoundRectangle2D.Double(ex - rw, e.y() - rh, 2 * rw, 2 * rh, 6, 6));
            double edge = ex + side * rw;
            g.draw(new Line2D.Double(edge, e.y() - 2, cx + side * (id.head().halfWidth() + 2), e.y() - 3));
        }
        double inner = e.spacing() / 2 - rw;
        Path2D.Double bridge = new Path2D.Double();
        bridge.moveTo(cx - inner, e.y() - 2);
        bridge.quadTo(cx, e.y() - 5, cx + inner, e.y() - 2);
        g.draw(bridge);
    }

    private void paintNose() {
        FaceIdentity.Nose n = id.nose();
        FaceIdentity.Eyes e = id.eyes();
        double tipX = turnX(cx, yaw, YAW_NOSE_SHIFT);
        double rootX = turnX(cx, yaw, 0);
        double nw = n.halfWidth() * (1 - YAW_NARROWING * Math.abs(yaw));
        double ty = n.tipY();
        // the bridge's side line, on the side away from the turn (the side that stays in view)
        int side = yaw >= 0 ? -1 : 1;
        g.setStroke(new BasicStroke(1.1f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(withAlpha(shade(skin, 0.6), (int) Math.round(40 + 140 * n.bridge())));
        Path2D.Double bridge = new Path2D.Double();
        bridge.moveTo(rootX + side * 3.5, e.y() + 2);
        bridge.quadTo(tipX + side * 4, ty - 8, tipX + side * 0.55 * nw, ty - 3);
        g.draw(bridge);
        // shadow under the tip, tip highlight, wings and nostrils
        g.setColor(new Color(0, 0, 0, 35));
        g.fill(new Ellipse2D.Double(tipX - nw, ty - 1, 2 * nw, 5));
        g.setColor(shade(skin, 1.06));
        g.fill(new Ellipse2D.Double(tipX - 0.45 * nw, ty - 5, 0.9 * nw, 5));
        g.setColor(shade(skin, 0.62));
        g.setStroke(new BasicStroke(1.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        Path2D.Double base = new Path2D.Double();
        base.moveTo(tipX - nw, ty - 2.5);
        base.quadTo(tipX - nw - 1.2, ty + 1.2, tipX - 0.55 * nw, ty + 1);
        base.quadTo(tipX, ty + 3.2, tipX + 0.55 * nw, ty + 1);
        base.quadTo(tipX + nw + 1.2, ty + 1.2, tipX + nw, ty - 2.5);
        g.draw(base);
        g.setColor(new Color(0x2A1A16));
        for (int s = -1; s <= 1; s += 2) {
            g.fill(new Ellipse2D.Double(tipX + s * 0.45 * nw - 1.3, ty - 0.2, 2.6, 1.6));
        }
    }

    private void paintMouth() {
        FaceIdentity.Mouth m = id.mouth();
        double w = m.halfWidth();
        double lip = m.lipThickness();
        double cornerY = m.y() - SMILE_LIFT * expression.smile();
        double midY = m.y() + 1.2 * expression.smile();
        double gap = expression.mouthOpen() * w * 0.45;
        double l = cx - w;
        double r = cx + w;
        // control-point heights so that each quadratic passes through the wanted middle height
        double upperLine = 2 * midY - cornerY;
        double lowerLine = 2 * (midY + gap) - cornerY;
        if (gap > 0.5) {
            Path2D.Double inside = new Path2D.Double();
            inside.moveTo(l, cornerY);
            inside.quadTo(cx, upperLine, r, cornerY);
            inside.quadTo(cx, lowerLine, l, cornerY);
            inside.closePath();
            g.setColor(MOUTH_INSIDE);
            g.fill(inside);
            if (expression.mouthOpen() > 0.2) {
                g.setColor(TEETH);
                fillWithin(new Rectangle2D.Double(l, midY - 3, 2 * w, 3 + 0.35 * gap), new Area(inside));
            }
        }
        Color lipColour = new Color(m.lipRgb());
        Path2D.Double upper = new Path2D.Double();
        upper.moveTo(l, cornerY);
        upper.quadTo(cx - 0.5 * w, midY - 2 * lip, cx, midY - 1.3 * lip);
        upper.quadTo(cx + 0.5 * w, midY - 2 * lip, r, cornerY);
        upper.quadTo(cx, upperLine, l, cornerY);
        upper.closePath();
        g.setColor(shade(lipColour, 0.88));
        g.fill(upper);
        Path2D.Double lower = new Path2D.Double();
        lower.moveTo(l, cornerY);
        lower.quadTo(cx, lowerLine, r, cornerY);
        lower.quadTo(cx, lowerLine + 2.6 * lip, l, cornerY);
        lower.closePath();
        g.setColor(lipColour);
        g.fill(lower);
        g.setColor(shade(lipColour, 0.55));
        g.setStroke(new BasicStroke(1f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        Path2D.Double line = new Path2D.Double();
        line.moveTo(l - 0.5, cornerY);
        line.quadTo(cx, upperLine, r + 0.5, cornerY);
        g.draw(line);
    }

    private void paintMoustache() {
        FaceIdentity.FacialHair style = id.facialHair();
        if (style != FaceIdentity.FacialHair.MOUSTACHE && style != FaceIdentity.FacialHair.BEARD) {
            return;
        }
        FaceIdentity.Mouth m = id.mouth();
        double w = m.halfWidth() + 2;
        double bottom = m.y() - SMILE_LIFT * expression.smile() - m.lipThickness() * 0.8;
        double top = Math.max(id.nose().tipY() + 3, bottom - 5);
        Path2D.Double p = new Path2D.Double();
        p.moveTo(cx - w, bottom + 3);
        p.quadTo(cx - 0.7 * w, top, cx, top);
        p.quadTo(cx + 0.7 * w, top, cx + w, bottom + 3);
        p.quadTo(cx + 0.5 * w, bottom - 1, cx, bottom);
        p.quadTo(cx - 0.5 * w, bottom - 1, cx - w, bottom + 3);
        p.closePath();
        g.setColor(shade(hair, 0.9));
        g.fill(p);
    }

    /** Darkens the side away from the light: a linear ramp from clear to {@code shadow}·black across the face. */
    private void paintSideLight(Rectangle2D extent) {
        Nuisance.Lighting light = lighting;
        if (light.shadow() <= 0) {
            return;
        }
        double a = Math.toRadians(light.lightAngleDegrees());
        double dx = StrictMath.cos(a);
        double dy = -StrictMath.sin(a);
        float x0 = (float) (cx + 45 * dx);
        float y0 = (float) (cy + 45 * dy);
        float x1 = (float) (cx - 45 * dx);
        float y1 = (float) (cy - 45 * dy);
        g.setPaint(new GradientPaint(x0, y0, new Color(0, 0, 0, 0), x1, y1,
                new Color(0, 0, 0, (int) Math.round(255 * light.shadow()))));
        g.fill(extent);
    }

    /** Fills the part of {@code shape} inside {@code region} with antialiased edges (a clip would be aliased). */
    private void fillWithin(Shape shape, Area region) {
        Area a = new Area(shape);
        a.intersect(region);
        g.fill(a);
    }

    private static Color withAlpha(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }

    private static Color shade(Color c, double factor) {
        return new Color(Palette.scale(c.getRGB() & 0xFFFFFF, factor));
    }
}
