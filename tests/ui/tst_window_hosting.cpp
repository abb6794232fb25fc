// The window hosts what the pipeline's users plug in (issues 9 and 10): the DynamoDB API (its port in the status
// bar, writes through it live in the window, every table in the Tables view) and the user's handler as a process
// chosen in the mapping settings, with its log shown under each invocation.
#include "handler_form.h"
#include "invocations_model.h"
#include "invocations_pane.h"
#include "item_json_editor.h"
#include "live/live_emulator.h"
#include "orders_model.h"
#include "simulation_pane.h"
#include "status_line.h"
#include "stream_pane.h"
#include "tables_pane.h"
#include "window_actions.h"
#include "window_fixture.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTableView>

using namespace orderlab;
using namespace orderlab::test;

namespace {

/// One DynamoDB JSON 1.0 request to 127.0.0.1:`port`; the reply's status and body.
std::pair<int, QJsonObject> dynamodb(int port, const QString &operation, const QByteArray &body)
{
    QNetworkAccessManager network;
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(port)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/x-amz-json-1.0"));
    request.setRawHeader("X-Amz-Target", "DynamoDB_20120810." + operation.toUtf8());
    request.setRawHeader("Authorization", "AWS4-HMAC-SHA256 Credential=local/20261202/us-east-1/dynamodb/aws4_request, "
                                          "SignedHeaders=host, Signature=0");
    QNetworkReply *reply = network.post(request, body);
    if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, kWait))
        return {0, {}};
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
    reply->deleteLater();
    return {status, answer};
}

int dynamodbPort(MainWindow &w)
{
    const QRegularExpression port(QStringLiteral("DynamoDB 127\\.0\\.0\\.1:(\\d+)"));
    int found = 0;
    (void)QTest::qWaitFor(
        [&] {
            const auto m = port.match(w.statusLine()->dynamodbText());
            found = m.hasMatch() ? m.captured(1).toInt() : 0;
            return found > 0;
        },
        kWait);
    return found;
}

} // namespace

class TstWindowHosting : public QObject
{
    Q_OBJECT
  private slots:
    void initTestCase() { QVERIFY(m_data.use()); }

    void writesThroughTheDynamoDbPortShowUpInTheWindow()
    {
        WindowFixture f;
        auto w = f.open();
        const int port = dynamodbPort(*w);
        QVERIFY2(port > 0, qPrintable(w->statusLine()->dynamodbText()));

        // An order written with PutItem through the API goes through the pipeline like one from the window.
        auto [status, answer] = dynamodb(
            port, QStringLiteral("PutItem"),
            R"({"TableName":"orders","Item":{"pk":{"S":"api-1"},"creator":{"S":"ann"},"status":{"S":"SUBMITTED"}}})");
        QCOMPARE(status, 200);
        QTRY_VERIFY_WITH_TIMEOUT(w->ordersPane()->model()->rowOf(QStringLiteral("api-1")) >= 0, kWait);

        // A table made through the API is listed, and its items page through the item editor.
        std::tie(status, answer) = dynamodb(
            port, QStringLiteral("CreateTable"),
            R"({"TableName":"things","KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],)"
            R"("AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],"BillingMode":"PAY_PER_REQUEST"})");
        QCOMPARE(status, 200);
        for (int i = 0; i < TablesPane::kPageSize + 5; ++i)
            QCOMPARE(dynamodb(port, QStringLiteral("PutItem"),
                              QStringLiteral(R"({"TableName":"things","Item":{"id":{"S":"t%1"},"v":{"N":"%2"}}})")
                                  .arg(i, 3, 10, QLatin1Char('0'))
                                  .arg(i)
                                  .toUtf8())
                         .first,
                     200);
        TablesPane *tables = w->tablesPane();
        tables->refresh();
        QCOMPARE(tables->tablesModel()->rowCount(), 2);
        QCOMPARE(tables->tablesModel()->item(0, 0)->text(), QStringLiteral("orders (the pipeline's)"));
        QCOMPARE(tables->tablesModel()->item(1, 0)->text(), QStringLiteral("things"));
        QCOMPARE(tables->tablesModel()->item(1, 2)->text(), QString::number(TablesPane::kPageSize + 5));
        tables->selectTable(QStringLiteral("things"));
        QCOMPARE(tables->itemsModel()->rowCount(), TablesPane::kPageSize);
        QVERIFY2(tables->pageText().contains(QStringLiteral("items 1–100, more after")),
                 qPrintable(tables->pageText()));
        click(tables->nextButton());
        QCOMPARE(tables->itemsModel()->rowCount(), 5);
        QVERIFY2(tables->pageText().contains(QStringLiteral("items 101–105")), qPrintable(tables->pageText()));
        QVERIFY(!tables->nextButton()->isEnabled());
        click(tables->firstButton());
        QCOMPARE(tables->itemsModel()->rowCount(), TablesPane::kPageSize);

        // The same item editor as the Orders pane's: Save is PutItem, and the API reads what it wrote.
        tables->itemsView()->setCurrentIndex(tables->itemsModel()->index(0, 0));
        ItemJsonEditor *editor = tables->editor();
        QCOMPARE(editor->pk(), QStringLiteral(R"({"id":{"S":"t000"}})"));
        QVERIFY(editor->editor()->toPlainText().contains(QStringLiteral("\"t000\"")));
        editor->editor()->setPlainText(QStringLiteral(R"({"id":{"S":"t000"},"v":{"N":"42"},"note":{"S":"edited"}})"));
        QVERIFY2(editor->save(), qPrintable(editor->error()));
        QTRY_VERIFY_WITH_TIMEOUT(
            dynamodb(port, QStringLiteral("GetItem"), R"({"TableName":"things","Key":{"id":{"S":"t000"}}})")
                    .second.value(QStringLiteral("Item"))
                    .toObject()
                    .value(QStringLiteral("note"))
                    .toObject()
                    .value(QStringLiteral("S"))
                    .toString() == QStringLiteral("edited"),
            kWait);
        // A bad edit is refused in place, naming what was wrong; nothing is written.
        editor->editor()->setPlainText(QStringLiteral(R"({"v":{"N":"1"}})"));
        QVERIFY(!editor->save());
        QVERIFY2(!editor->error().isEmpty(), "no error shown for an item without its key");
        // Delete is DeleteItem.
        editor->revert();
        QCOMPARE(tables->deleteSelected(), QString());
        tables->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(tables->tablesModel()->item(1, 2)->text(), QString::number(TablesPane::kPageSize + 4),
                                  kWait);
        QVERIFY(dynamodb(port, QStringLiteral("GetItem"), R"({"TableName":"things","Key":{"id":{"S":"t000"}}})")
                    .second.value(QStringLiteral("Item"))
                    .isUndefined());
        // A table deleted through the API leaves the list; the pane shows the first table again.
        QCOMPARE(dynamodb(port, QStringLiteral("DeleteTable"), R"({"TableName":"things"})").first, 200);
        tables->refresh();
        QCOMPARE(tables->tablesModel()->rowCount(), 1);
        QCOMPARE(tables->selectedTable(), QStringLiteral("orders"));
        QVERIFY2(tables->pageText().startsWith(QStringLiteral("orders: items 1–")), qPrintable(tables->pageText()));
    }

    void theHandlerGroupChecksItsFieldsAsTheyAreTyped()
    {
        WindowFixture f;
        auto w = f.open();
        HandlerForm *form = w->streamPane()->handlerForm();
        QVERIFY(!form->choice());
        QVERIFY(!form->applyButton()->isEnabled()); // nothing changed yet
        auto *kind = form->findChild<QComboBox *>(QStringLiteral("handlerKind"));
        auto *command = form->findChild<QLineEdit *>(QStringLiteral("handlerCommand"));
        auto *directory = form->findChild<QLineEdit *>(QStringLiteral("handlerDirectory"));
        kind->setCurrentIndex(1);
        QVERIFY2(form->note().startsWith(QStringLiteral("Command:")), qPrintable(form->note()));
        QVERIFY(!form->applyButton()->isEnabled());
        command->setText(QStringLiteral("./bootstrap"));
        directory->setText(f.dir.filePath(QStringLiteral("missing")));
        QVERIFY2(form->note().startsWith(QStringLiteral("Folder:")), qPrintable(form->note()));
        QVERIFY(form->note().contains(QStringLiteral("missing")));
        directory->setText(f.dir.path());
        QVERIFY2(form->note().contains(QStringLiteral("1\u00d7")), qPrintable(form->note()));
        QVERIFY(form->applyButton()->isEnabled());
        kind->setCurrentIndex(0);
        QVERIFY(!command->isEnabled());
        QVERIFY(!form->applyButton()->isEnabled()); // core was running already
    }

    void aProcessChosenInTheMappingSettingsRunsWithItsLogInTheInvocationsPane()
    {
        WindowFixture f;
        {
            auto w = f.open();
            HandlerForm *form = w->streamPane()->handlerForm();
            form->findChild<QComboBox *>(QStringLiteral("handlerKind"))->setCurrentIndex(1);
            form->findChild<QLineEdit *>(QStringLiteral("handlerCommand"))
                ->setText(QStringLiteral("echo hello from the handler; exec '%1' echo")
                              .arg(QStringLiteral(ORDERLAB_FAKE_RUNTIME)));
            form->findChild<QLineEdit *>(QStringLiteral("handlerDirectory"))->setText(f.dir.path());
            form->findChild<QSpinBox *>(QStringLiteral("handlerTimeout"))->setValue(9);
            click(form->applyButton());
            answerConfirmation(w.get(), true);
            QTRY_VERIFY_WITH_TIMEOUT(w->statusLine()->handlerText().contains(QStringLiteral("process `echo hello")),
                                     kWait);
            QCOMPARE(w->emulator().settings().functionTimeoutMs, 9000);
            QTRY_VERIFY_WITH_TIMEOUT(!w->simulationPane()->speedBox()->isEnabled(), kWait);
            QCOMPARE(w->simulationPane()->speedBox()->value(), 1.0);

            const QString pk = placeOrder(*w, QStringLiteral("bob"));
            QVERIFY(!pk.isEmpty());
            InvocationsModel *invocations = w->invocationsPane()->model();
            QTRY_VERIFY_WITH_TIMEOUT(invocations->rowCount() > 0 && invocations->invocation(0).finished, kWait);
            const InvocationRow &row = invocations->invocation(0);
            QVERIFY2(row.log.size() >= 3, qPrintable(row.log.join(QLatin1Char('\n'))));
            QVERIFY(row.log.contains(QStringLiteral("hello from the handler"))); // its init output, under it
            QVERIFY(row.log.first().startsWith(QStringLiteral("hello from the handler")) ||
                    row.log.first().startsWith(QStringLiteral("START RequestId: ")));
            QVERIFY(row.log.last().startsWith(QStringLiteral("REPORT RequestId: ")));
            QVERIFY(row.log.last().contains(QStringLiteral("Init Duration: ")));
            QCOMPARE(row.outcome, QStringLiteral("success"));
            // The detail under the list shows it.
            w->invocationsPane()->view()->setCurrentIndex(w->invocationsPane()->view()->model()->index(0, 0));
            const QString detail = w->invocationsPane()->findChild<QPlainTextEdit *>()->toPlainText();
            QVERIFY2(detail.contains(QStringLiteral("Log (the handler process's output")), qPrintable(detail));
            QVERIFY(detail.contains(QStringLiteral("REPORT RequestId: ")));
        }
        // Kept for the next launch.
        auto again = f.open();
        HandlerForm *form = again->streamPane()->handlerForm();
        QVERIFY(form->choice().has_value());
        QCOMPARE(form->choice()->directory, f.dir.path().toStdString());
        QCOMPARE(form->timeoutMs(), 9000);
        QTRY_VERIFY_WITH_TIMEOUT(again->statusLine()->handlerText().contains(QStringLiteral("process `")), kWait);
        // Back to core: the speed can change again.
        form->findChild<QComboBox *>(QStringLiteral("handlerKind"))->setCurrentIndex(0);
        QCOMPARE(form->apply(), QString());
        QTRY_VERIFY_WITH_TIMEOUT(again->statusLine()->handlerText().contains(QStringLiteral("core, in process")),
                                 kWait);
        QTRY_VERIFY_WITH_TIMEOUT(again->simulationPane()->speedBox()->isEnabled(), kWait);
    }

  private:
    TestDataHome m_data;
};

QTEST_MAIN(TstWindowHosting)
#include "tst_window_hosting.moc"
