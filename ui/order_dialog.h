#pragma once

#include <QDialog>

#include <functional>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace orderlab {

/**
 * New order (creator and items) or edit items of one order. The items are plain JSON; a
 * syntax error shows under the editor while typing, and the emulator's answer to OK shows
 * there too — the dialog closes only when the emulator took the change.
 */
class OrderDialog : public QDialog
{
    Q_OBJECT
  public:
    /// Takes creator and items JSON, returns the emulator's error or empty.
    using Submit = std::function<QString(const QString &creator, const QString &items)>;

    /// `pk` empty: a new order; else editing that order's items (creator fixed).
    OrderDialog(const QString &pk, const QString &creator, const QString &items, Submit submit,
                QWidget *parent = nullptr);

    QLineEdit *creatorEdit() const { return m_creator; }
    QPlainTextEdit *itemsEdit() const { return m_items; }
    QPushButton *okButton() const { return m_ok; }
    QString error() const;

    void accept() override;

  private:
    void checkSyntax();

    Submit m_submit;
    QLineEdit *m_creator;
    QPlainTextEdit *m_items;
    QLabel *m_error;
    QPushButton *m_ok;
};

} // namespace orderlab
