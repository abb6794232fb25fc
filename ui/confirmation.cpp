#include "confirmation.h"

#include <QCheckBox>
#include <QMessageBox>
#include <QPushButton>

namespace orderlab {

Confirmation::Confirmation(QWidget *parent) : QObject(parent), m_parent(parent) {}

void Confirmation::ask(const QString &key, const QString &question, const QString &detail, const QString &accept,
                       std::function<void()> action)
{
    if (m_dontAsk.contains(key)) {
        action();
        return;
    }
    if (m_box)
        m_box->close();
    auto *box = new QMessageBox(QMessageBox::Question, tr("orderlab"), question, QMessageBox::NoButton, m_parent);
    box->setObjectName(QStringLiteral("confirmation"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    box->setInformativeText(detail);
    QPushButton *yes = box->addButton(accept, QMessageBox::AcceptRole);
    yes->setObjectName(QStringLiteral("confirmationAccept"));
    QPushButton *no = box->addButton(tr("Don't"), QMessageBox::RejectRole);
    no->setObjectName(QStringLiteral("confirmationDecline"));
    box->setDefaultButton(no);
    box->setEscapeButton(no);
    auto *again = new QCheckBox(tr("Don't ask again this session"), box);
    again->setObjectName(QStringLiteral("confirmationDontAsk"));
    box->setCheckBox(again);
    connect(box, &QMessageBox::buttonClicked, this, [this, key, yes, again, action](QAbstractButton *button) {
        m_box = nullptr; // answered: the box is on its way out
        if (button != yes)
            return;
        if (again->isChecked())
            m_dontAsk.insert(key);
        action();
    });
    m_box = box;
    box->open();
}

} // namespace orderlab
