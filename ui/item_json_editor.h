#pragma once

#include <QWidget>

#include <functional>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace orderlab {

/**
 * Edits one order's whole item as AttributeValue JSON. Syntax errors show in place while
 * typing; Save hands the text to the emulator (putItemJson) and shows its validation error
 * in place, keeping the text. While unmodified it follows the order's changes.
 */
class ItemJsonEditor : public QWidget
{
    Q_OBJECT
  public:
    /// `save` takes the item JSON and returns the emulator's error, or empty.
    explicit ItemJsonEditor(std::function<QString(const QString &)> save, QWidget *parent = nullptr);

    /// Shows order `pk` with its item JSON (empty pk: nothing selected).
    void showItem(const QString &pk, const QString &itemJson);
    /// The order changed in the table: reload unless the user is editing.
    void itemChanged(const QString &pk, const QString &itemJson);
    QString pk() const { return m_pk; }
    QPlainTextEdit *editor() const { return m_edit; }
    QPushButton *saveButton() const { return m_save; }
    QString error() const;
    QString title() const;

  public slots:
    bool save();
    void revert();

  private:
    void setError(const QString &error);
    void textEdited();

    std::function<QString(const QString &)> m_saveFn;
    QString m_pk;
    QString m_original;
    bool m_loading = false;
    QLabel *m_title;
    QPlainTextEdit *m_edit;
    QLabel *m_error;
    QPushButton *m_save;
    QPushButton *m_revert;
};

} // namespace orderlab
