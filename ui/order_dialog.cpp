#include "order_dialog.h"

#include "json_text.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace orderlab {

OrderDialog::OrderDialog(const QString &pk, const QString &creator, const QString &items, Submit submit,
                         QWidget *parent)
    : QDialog(parent), m_submit(std::move(submit)), m_creator(new QLineEdit(creator, this)),
      m_items(new QPlainTextEdit(this)), m_error(new QLabel(this)), m_ok(nullptr)
{
    setObjectName(QStringLiteral("orderDialog"));
    setWindowTitle(pk.isEmpty() ? tr("New order") : tr("Edit items of %1").arg(pk));
    setAttribute(Qt::WA_DeleteOnClose);
    m_creator->setObjectName(QStringLiteral("creatorEdit"));
    m_creator->setReadOnly(!pk.isEmpty());
    m_creator->setPlaceholderText(tr("who places the order, e.g. alice"));
    m_items->setObjectName(QStringLiteral("itemsEdit"));
    m_items->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_items->setPlainText(json_text::pretty(items));
    m_items->setMinimumSize(420, 180);
    m_error->setObjectName(QStringLiteral("orderDialogError"));
    m_error->setStyleSheet(QStringLiteral("color: #b00020"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *form = new QFormLayout;
    form->addRow(tr("Creator"), m_creator);
    form->addRow(tr("Items (JSON array)"), m_items);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(pk.isEmpty() ? tr("Place order") : tr("Save items"));
    connect(buttons, &QDialogButtonBox::accepted, this, &OrderDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &OrderDialog::reject);
    connect(m_items, &QPlainTextEdit::textChanged, this, &OrderDialog::checkSyntax);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    (pk.isEmpty() ? static_cast<QWidget *>(m_creator) : m_items)->setFocus();
}

QString OrderDialog::error() const
{
    return m_error->text();
}

void OrderDialog::checkSyntax()
{
    const QString error = json_text::syntaxError(m_items->toPlainText());
    m_error->setText(error.isEmpty() ? QString() : tr("Items: %1").arg(error));
}

void OrderDialog::accept()
{
    const QString error = m_submit(m_creator->text(), m_items->toPlainText());
    if (!error.isEmpty()) {
        m_error->setText(error);
        return;
    }
    QDialog::accept();
}

} // namespace orderlab
