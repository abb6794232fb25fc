#pragma once

#include <QColor>
#include <QList>
#include <QWidget>

namespace orderlab {

/**
 * One chart: a title, up to a few lines of per-second values (oldest first, one point a second; NaN where a second
 * has no value, which breaks the line), the largest value
 * as the scale and each line's newest value in its colour. Painted with QPainter from the font's metrics; it only
 * draws what setLines() gave it. GUI thread.
 */
class LineChart : public QWidget
{
    Q_OBJECT
  public:
    struct Line
    {
        QString name;
        QColor color;
        QList<double> values;
    };

    LineChart(const QString &title, const QString &unit, QWidget *parent = nullptr);

    void setLines(const QList<Line> &lines, int seconds);
    const QList<Line> &lines() const { return m_lines; }
    QString title() const { return m_title; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

  protected:
    void paintEvent(QPaintEvent *event) override;

  private:
    QString m_title;
    QString m_unit;
    QList<Line> m_lines;
    int m_seconds = 0;
};

} // namespace orderlab
