#pragma once

#include <QSettings>
#include <QString>
#include <QVariant>

#include <optional>
#include <type_traits>
#include <utility>

namespace orderlab {

namespace detail {
/// `stored` as a T, or nothing when it does not convert. A bool converts only from a bool, a number,
/// or the text true, false, 1 or 0 (QVariant would take any other text as true).
template <typename T> std::optional<T> settingValue(QVariant stored)
{
    if constexpr (std::is_same_v<T, bool>) {
        if (stored.typeId() == QMetaType::QString || stored.typeId() == QMetaType::QByteArray) {
            const QString text = stored.toString().trimmed();
            for (const char *yes : {"true", "1"})
                if (text.compare(QLatin1String(yes), Qt::CaseInsensitive) == 0)
                    return true;
            for (const char *no : {"false", "0"})
                if (text.compare(QLatin1String(no), Qt::CaseInsensitive) == 0)
                    return false;
            return std::nullopt;
        }
    }
    if (!stored.isValid() || !stored.convert(QMetaType::fromType<T>()))
        return std::nullopt;
    return stored.value<T>();
}
} // namespace detail

/**
 * One setting in a QSettings store: its key, its type T and its default (as Tiled's Preference<T>).
 * get() is the stored value, or the default when the key is absent or its value does not convert to T
 * (a wrong type in the file is no error). The store must outlive the Setting.
 */
template <typename T> class Setting
{
  public:
    Setting(QSettings &store, QString key, T defaultValue)
        : m_store(store), m_key(std::move(key)), m_default(std::move(defaultValue))
    {
    }

    T get() const { return detail::settingValue<T>(m_store.value(m_key)).value_or(m_default); }
    void set(const T &value) { m_store.setValue(m_key, QVariant::fromValue(value)); }
    /// Whether the store has the key at all (whatever its value).
    bool isStored() const { return m_store.contains(m_key); }
    const QString &key() const { return m_key; }
    const T &defaultValue() const { return m_default; }

  private:
    QSettings &m_store;
    QString m_key;
    T m_default;
};

} // namespace orderlab
