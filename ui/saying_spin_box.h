#pragma once

#include <QDoubleSpinBox>
#include <QLocale>
#include <QSpinBox>
#include <QString>

#include <cmath>
#include <functional>
#include <optional>

namespace orderlab {

/**
 * A spin box that lets a number outside its range be typed and then says what it did with it: Qt's own boxes
 * refuse the keystroke, so 100000 silently became 1000× and −5 became 5 (issue 12, item 12). Here the number is
 * brought into the range when editing ends and `told` is called with a sentence naming the field, what was
 * typed and what it became ("Speed: 100000 is more than the most, 1000×; set to 1000×"). Base is QSpinBox or
 * QDoubleSpinBox. GUI thread only.
 */
template <class Base> class SayingSpinBox : public Base
{
  public:
    using Base::Base;

    /// `name` is the field's name in the sentence; `told` receives the sentence.
    void sayClampsTo(QString name, std::function<void(const QString &)> told)
    {
        m_name = std::move(name);
        m_told = std::move(told);
    }

  protected:
    QValidator::State validate(QString &input, int &pos) const override
    {
        const QValidator::State state = Base::validate(input, pos);
        if (state != QValidator::Invalid)
            return state;
        const QString text = bare(input);
        if (text == QLatin1String("-") || text == QLatin1String("+"))
            return QValidator::Intermediate;
        return number(text) ? QValidator::Intermediate : state;
    }

    void fixup(QString &input) const override
    {
        const auto typed = number(bare(input));
        if (!typed) {
            Base::fixup(input);
            return;
        }
        const double least = static_cast<double>(this->minimum()), most = static_cast<double>(this->maximum());
        if (*typed >= least && *typed <= most) {
            Base::fixup(input);
            return;
        }
        const bool above = *typed > most;
        const auto to = static_cast<decltype(this->value())>(above ? most : least);
        input = this->textFromValue(to);
        if (m_told) {
            const QString limit = this->prefix() + this->textFromValue(to) + this->suffix();
            m_told(QStringLiteral("%1: %2 is %3, %4; set to %4")
                       .arg(m_name, typedText(typed),
                            above ? QStringLiteral("more than the most") : QStringLiteral("less than the least"),
                            limit));
        }
    }

  private:
    QString bare(QString text) const
    {
        if (!this->prefix().isEmpty() && text.startsWith(this->prefix()))
            text.remove(0, this->prefix().size());
        if (!this->suffix().isEmpty() && text.endsWith(this->suffix()))
            text.chop(this->suffix().size());
        return text.trimmed();
    }
    std::optional<double> number(const QString &text) const
    {
        bool ok = false;
        double v = this->locale().toDouble(text, &ok);
        if (!ok)
            v = QLocale::c().toDouble(text, &ok);
        if (!ok || !std::isfinite(v))
            return std::nullopt;
        return v;
    }
    static QString typedText(std::optional<double> v) { return QLocale::c().toString(*v, 'g', 12); }

    QString m_name;
    std::function<void(const QString &)> m_told;
};

using SayingIntSpinBox = SayingSpinBox<QSpinBox>;
using SayingDoubleSpinBox = SayingSpinBox<QDoubleSpinBox>;

} // namespace orderlab
