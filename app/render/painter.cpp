#include "painter.h"

#include "icons.h"
#include "nodecontent.h"

#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>
#include <array>
#include <cmath>

namespace sw::render {

using layout::ClusterKind;
using layout::EdgeKind;
using layout::NodeKind;
using layout::TextRole;
namespace box = layout::box;

namespace {

constexpr qreal kRadius = 6;
constexpr qreal kContainerRadius = 9;

class Renderer
{
public:
    Renderer(QPainter &p, const DiagramScene &scene, const DiagramStyle &style, qreal scale,
             const Decorations &deco)
        : m_p(p), m_scene(scene), m_style(style), m_scale(scale), m_deco(deco),
          m_text(scale >= DiagramPainter::textScale)
    {
        if (m_text) {
            for (int r = 0; r < 6; ++r) {
                m_fonts[size_t(r)] = style.font(TextRole(r));
                m_metrics[size_t(r)] = QFontMetricsF(m_fonts[size_t(r)]);
            }
        }
    }

    void paint(const QRectF &rect)
    {
        const DiagramScene::Items items = m_scene.query(rect);
        const layout::Geometry &g = m_scene.geometry();
        // Containers from the outside in: a composite at depth d before its branch frames (depth
        // d + 1), which come before composites nested in them.
        std::vector<std::pair<int, int>> layers; // (order key, encoded item)
        for (int i : items.nodes) {
            if (g.nodes.at(i).composite) layers.push_back({2 * g.nodes.at(i).depth, i});
        }
        for (int i : items.clusters) {
            if (g.clusters.at(i).kind == ClusterKind::Branch)
                layers.push_back({2 * g.clusters.at(i).depth - 1, -1 - i});
        }
        std::stable_sort(layers.begin(), layers.end(),
                         [](const auto &a, const auto &b) { return a.first < b.first; });
        for (const auto &[key, item] : layers) {
            if (item >= 0)
                drawContainer(g.nodes.at(item));
            else
                drawBranch(g.clusters.at(-1 - item));
        }
        for (int i : items.edges)
            drawEdge(i);
        for (int i : items.nodes) {
            const layout::NodeGeometry &n = g.nodes.at(i);
            if (n.composite) continue;
            if (n.kind == NodeKind::State)
                drawState(n);
            else if (n.kind == NodeKind::Missing)
                drawMissing(n);
            else
                drawMarker(n);
        }
        if (m_text) {
            for (int i : items.edges)
                drawEdgeLabel(g.edges.at(i));
        }
    }

private:
    const QFont &font(TextRole r) const { return m_fonts[size_t(r)]; }
    const QFontMetricsF &metrics(TextRole r) const { return m_metrics[size_t(r)]; }
    qreal hairline(qreal w) const { return std::max(w, 0.8 / m_scale); }

    void drawSelection(const layout::NodeGeometry &n, qreal radius)
    {
        if (!m_deco.selected.contains(n.id)) return;
        m_p.setBrush(Qt::NoBrush);
        m_p.setPen(QPen(m_style.accent, hairline(2.5)));
        m_p.drawRoundedRect(n.rect.adjusted(-3.5, -3.5, 3.5, 3.5), radius + 3, radius + 3);
    }

    // Icon, title, badge and detail inside `area` (a plain box or a composite's header band).
    void drawHeader(const layout::NodeGeometry &n, const QRectF &area, const QColor &iconColor)
    {
        const qreal textLeft = area.left() + box::padX + box::icon + box::iconGap;
        const qreal textWidth = layout::textWidthFor(std::min(area.width(), n.rect.width()));
        const qreal titleH = metrics(TextRole::Title).height();
        const qreal detailH = metrics(TextRole::Detail).height();
        const qreal contentH = titleH + box::lineGap + detailH;
        const qreal top = area.top() + std::max(box::padY, (area.height() - contentH) / 2);
        const QRectF iconBox(area.left() + box::padX, top + (contentH - box::icon) / 2, box::icon, box::icon);
        paintStateIcon(m_p, n.type, iconBox, iconColor);

        qreal titleWidth = textWidth;
        if (!n.badge.isEmpty()) {
            const qreal bw = metrics(TextRole::Badge).horizontalAdvance(n.badge) + 2 * box::badgePadX;
            const qreal bh = metrics(TextRole::Badge).height() + 2;
            const QRectF badge(area.left() + box::padX + box::icon + box::iconGap + textWidth - bw,
                               top + (titleH - bh) / 2, bw, bh);
            m_p.setPen(Qt::NoPen);
            m_p.setBrush(m_style.badgeFill);
            m_p.drawRoundedRect(badge, bh / 2, bh / 2);
            m_p.setFont(font(TextRole::Badge));
            m_p.setPen(m_style.badgeText);
            m_p.drawText(badge, Qt::AlignCenter, n.badge);
            titleWidth -= bw + box::badgeGap;
        }
        m_p.setFont(font(TextRole::Title));
        m_p.setPen(m_style.text);
        m_p.drawText(QRectF(textLeft, top, titleWidth, titleH), Qt::AlignLeft | Qt::AlignVCenter,
                     metrics(TextRole::Title).elidedText(n.title, Qt::ElideRight, titleWidth + 0.5));
        // An overlay caption (run status, cost share) replaces the detail line, in the tint's colour.
        const auto caption = m_deco.caption.constFind(n.id);
        const bool captioned = caption != m_deco.caption.constEnd() && !caption->isEmpty();
        QColor detailColor = m_style.mutedText;
        if (captioned) {
            const auto t = m_deco.tint.constFind(n.id);
            detailColor = t != m_deco.tint.constEnd() ? mix(*t, m_style.text, 0.35) : m_style.text;
        }
        m_p.setFont(font(TextRole::Detail));
        m_p.setPen(detailColor);
        m_p.drawText(QRectF(textLeft, top + titleH + box::lineGap, textWidth, detailH),
                     Qt::AlignLeft | Qt::AlignVCenter,
                     metrics(TextRole::Detail).elidedText(captioned ? *caption : n.detail,
                                                          captioned ? Qt::ElideRight : Qt::ElideMiddle,
                                                          textWidth + 0.5));
    }

    // The overlay's progress bar along the bottom edge of `area`.
    void drawProgress(const layout::NodeGeometry &n, const QRectF &area, qreal radius)
    {
        const auto p = m_deco.progress.constFind(n.id);
        if (p == m_deco.progress.constEnd() || *p < 0) return;
        const qreal h = std::min<qreal>(4, area.height() / 6);
        const QRectF track(area.left() + radius / 2, area.bottom() - h - 1.5, area.width() - radius, h);
        const auto t = m_deco.tint.constFind(n.id);
        const QColor bar = t != m_deco.tint.constEnd() ? *t : m_style.accent;
        m_p.setPen(Qt::NoPen);
        m_p.setBrush(mix(bar, m_style.background, 0.75));
        m_p.drawRoundedRect(track, h / 2, h / 2);
        QRectF done = track;
        done.setWidth(track.width() * std::clamp<qreal>(*p, 0, 1));
        m_p.setBrush(bar);
        if (done.width() > 0) m_p.drawRoundedRect(done, h / 2, h / 2);
    }

    void stateColors(const layout::NodeGeometry &n, QColor &fill, QColor &border, bool container) const
    {
        fill = container ? m_style.containerFill(n.type) : m_style.fill(n.type);
        border = m_style.hue(n.type);
        const auto t = m_deco.tint.constFind(n.id);
        if (t != m_deco.tint.constEnd()) {
            fill = mix(fill, *t, container ? 0.2 : 0.45);
            border = *t;
        }
    }

    void drawContainer(const layout::NodeGeometry &n)
    {
        QColor fill, border;
        stateColors(n, fill, border, true);
        const bool hovered = m_deco.hovered == n.id;
        m_p.setPen(QPen(border, hairline(hovered ? 2.2 : 1.4)));
        m_p.setBrush(fill);
        m_p.drawRoundedRect(n.rect, kContainerRadius, kContainerRadius);
        // The header band carries the state's own tint, like a plain state box.
        QColor headerFill;
        QColor unused;
        stateColors(n, headerFill, unused, false);
        QPainterPath header;
        header.addRoundedRect(n.rect, kContainerRadius, kContainerRadius);
        QPainterPath band;
        band.addRect(n.header);
        m_p.setPen(Qt::NoPen);
        m_p.setBrush(headerFill);
        m_p.drawPath(header.intersected(band));
        m_p.setPen(QPen(mix(border, fill, 0.5), hairline(1)));
        m_p.drawLine(QPointF(n.rect.left(), n.header.bottom()), QPointF(n.rect.right(), n.header.bottom()));
        if (m_text) drawHeader(n, n.header, m_style.hue(n.type));
        drawProgress(n, n.header, kContainerRadius);
        drawSelection(n, kContainerRadius);
    }

    void drawBranch(const layout::ClusterGeometry &c)
    {
        QPen pen(m_style.frame, hairline(1));
        pen.setDashPattern({4, 3});
        m_p.setPen(pen);
        m_p.setBrush(Qt::NoBrush);
        m_p.drawRoundedRect(c.rect, kRadius, kRadius);
        if (m_text) {
            m_p.setFont(font(TextRole::ClusterLabel));
            m_p.setPen(m_style.mutedText);
            m_p.drawText(c.labelRect, Qt::AlignLeft | Qt::AlignVCenter, c.label);
        }
    }

    void drawState(const layout::NodeGeometry &n)
    {
        QColor fill, border;
        stateColors(n, fill, border, false);
        const bool hovered = m_deco.hovered == n.id;
        m_p.setPen(QPen(border, hairline(hovered ? 2.4 : 1.4)));
        m_p.setBrush(fill);
        m_p.drawRoundedRect(n.rect, kRadius, kRadius);
        if (m_text) drawHeader(n, n.header, m_style.hue(n.type));
        drawProgress(n, n.rect, kRadius);
        drawSelection(n, kRadius);
    }

    void drawMissing(const layout::NodeGeometry &n)
    {
        QPen pen(m_style.missing, hairline(1.4));
        pen.setDashPattern({4, 3});
        m_p.setPen(pen);
        m_p.setBrush(m_style.background);
        m_p.drawRoundedRect(n.rect, kRadius, kRadius);
        if (!m_text) return;
        const qreal w = n.rect.width() - 2 * box::padX;
        const qreal titleH = metrics(TextRole::Title).height();
        const QRectF titleRect(n.rect.left() + box::padX, n.rect.top() + box::padY, w, titleH);
        m_p.setFont(font(TextRole::Title));
        m_p.setPen(m_style.missing);
        m_p.drawText(titleRect, Qt::AlignCenter,
                     metrics(TextRole::Title).elidedText(n.title, Qt::ElideRight, w));
        m_p.setFont(font(TextRole::Detail));
        m_p.drawText(QRectF(titleRect.left(), titleRect.bottom() + box::lineGap, w,
                            metrics(TextRole::Detail).height()),
                     Qt::AlignCenter, n.detail);
    }

    void drawMarker(const layout::NodeGeometry &n)
    {
        const QColor ink = m_style.edge;
        if (n.depth == 0) {
            m_p.setPen(QPen(ink, hairline(1.2)));
            m_p.setBrush(mix(m_style.background, ink, 0.18));
            const qreal r = n.rect.height() / 2;
            m_p.drawRoundedRect(n.rect, r, r);
            if (m_text) {
                m_p.setFont(font(TextRole::Marker));
                m_p.setPen(m_style.text);
                m_p.drawText(n.rect, Qt::AlignCenter, n.title);
            }
        } else if (n.kind == NodeKind::Start) {
            m_p.setPen(Qt::NoPen);
            m_p.setBrush(ink);
            m_p.drawEllipse(n.rect);
        } else {
            m_p.setPen(QPen(ink, hairline(1.4)));
            m_p.setBrush(Qt::NoBrush);
            m_p.drawEllipse(n.rect.adjusted(0.7, 0.7, -0.7, -0.7));
            m_p.setPen(Qt::NoPen);
            m_p.setBrush(ink);
            m_p.drawEllipse(n.rect.center(), n.rect.width() * 0.25, n.rect.height() * 0.25);
        }
    }

    QColor edgeColor(const layout::EdgeGeometry &e) const
    {
        if (e.kind == EdgeKind::Catch) return m_style.catchEdge;
        if (e.kind == EdgeKind::Start || e.kind == EdgeKind::End)
            return mix(m_style.edge, m_style.background, 0.3);
        return m_style.edge;
    }

    void drawEdge(int i)
    {
        const layout::EdgeGeometry &e = m_scene.geometry().edges.at(i);
        const auto tint = m_deco.edgeTint.constFind(i);
        const bool tinted = tint != m_deco.edgeTint.constEnd();
        const QColor c = tinted ? *tint : edgeColor(e);
        QPen pen(c, hairline(tinted ? 2.8 : e.kind == EdgeKind::Start || e.kind == EdgeKind::End ? 1.1 : 1.4));
        pen.setCapStyle(Qt::FlatCap);
        if (e.kind == EdgeKind::Catch) pen.setDashPattern({5, 3});
        m_p.setPen(pen);
        m_p.setBrush(Qt::NoBrush);
        m_p.drawPath(m_scene.edgePath(i));
        const QPolygonF &arrow = m_scene.arrowHead(i);
        if (!arrow.isEmpty()) {
            m_p.setPen(Qt::NoPen);
            m_p.setBrush(c);
            m_p.drawPolygon(arrow);
        }
    }

    void drawEdgeLabel(const layout::EdgeGeometry &e)
    {
        if (e.label.isEmpty() || e.labelRect.isEmpty()) return;
        m_p.setPen(Qt::NoPen);
        m_p.setBrush(m_style.labelBackground);
        m_p.drawRoundedRect(e.labelRect, 3, 3);
        m_p.setFont(font(TextRole::EdgeLabel));
        m_p.setPen(e.kind == EdgeKind::Catch ? m_style.catchEdge : m_style.mutedText);
        const qreal w = e.labelRect.width() - 2 * box::labelPad;
        m_p.drawText(e.labelRect, Qt::AlignCenter,
                     metrics(TextRole::EdgeLabel).elidedText(e.label, Qt::ElideRight, w + 1));
    }

    QPainter &m_p;
    const DiagramScene &m_scene;
    const DiagramStyle &m_style;
    qreal m_scale;
    const Decorations &m_deco;
    bool m_text;
    std::array<QFont, 6> m_fonts;
    std::array<QFontMetricsF, 6> m_metrics{QFontMetricsF(QFont()), QFontMetricsF(QFont()),
                                           QFontMetricsF(QFont()), QFontMetricsF(QFont()),
                                           QFontMetricsF(QFont()), QFontMetricsF(QFont())};
};

} // namespace

void DiagramPainter::paint(QPainter &painter, const DiagramScene &scene, const DiagramStyle &style,
                           const QRectF &sceneRect, qreal scale, const Decorations &decorations)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    // Nothing sensible can be drawn at a non-finite or non-positive scale (and the raster engine
    // can spend minutes dashing non-finite coordinates).
    if (!std::isfinite(scale) || scale <= 0 || !std::isfinite(sceneRect.width()) ||
        !std::isfinite(sceneRect.height()))
        return;
    Renderer(painter, scene, style, scale, decorations).paint(sceneRect);
    painter.restore();
}

} // namespace sw::render
