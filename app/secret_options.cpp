#include "secret_options.h"

#include "secret_store.h"

#include <set>

namespace orderlab::app {

void addSecretOptions(OptionParser &parser)
{
    parser.addOptions({
        {QStringLiteral("secret"),
         QStringLiteral("A Secrets Manager secret (SecretString) that exists at start on the AWS port; repeatable.\n"
                        "Needs --dynamodb-port. The value is everything after the first '='."),
         QStringLiteral("NAME=VALUE")},
        {QStringLiteral("max-secrets"),
         QStringLiteral("Secrets the AWS port holds at most, those from --secret and those scheduled for deletion "
                        "included (default 100)."),
         QStringLiteral("N"), QStringLiteral("100")},
    });
}

std::shared_ptr<aws::SecretStore> secretOptions(const OptionParser &parser, bool hasAwsPort, long long now,
                                                QString &error)
{
    const QString option = QStringLiteral("secret");
    long long maxSecrets = 100;
    if (!wholeNumberOption(parser, QStringLiteral("max-secrets"), 1, 1000000, maxSecrets, error))
        return nullptr;
    aws::SecretStoreOptions options;
    options.maxSecrets = static_cast<std::size_t>(maxSecrets);
    auto store = std::make_shared<aws::SecretStore>(options);
    const QStringList values = parser.values(option);
    if (!values.isEmpty() && !hasAwsPort) {
        error = parser.attributed(
            option, QStringLiteral("--secret needs --dynamodb-port: Secrets Manager is served on the AWS port"));
        return nullptr;
    }
    std::set<QString> seen;
    for (const QString &given : values) {
        const qsizetype eq = given.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            error = parser.attributed(option, QStringLiteral("--secret wants NAME=VALUE, got a value without a name "
                                                             "before '='"));
            return nullptr;
        }
        const QString name = given.left(eq);
        const std::string value = given.mid(eq + 1).toStdString();
        const QString prefix = QStringLiteral("--secret '%1': ").arg(name);
        if (!seen.insert(name).second) {
            error = parser.attributed(option, prefix + QStringLiteral("given twice"));
            return nullptr;
        }
        if (value.size() > aws::kMaxSecretValueBytes) {
            error = parser.attributed(option, prefix + QStringLiteral("the value is %1 bytes; Secrets Manager takes "
                                                                      "at most %2")
                                                           .arg(value.size())
                                                           .arg(aws::kMaxSecretValueBytes));
            return nullptr;
        }
        try {
            aws::SecretCreation creation;
            creation.name = name.toStdString();
            creation.value = aws::SecretValue{false, value};
            store->create(creation, now);
        } catch (const aws::ApiError &e) {
            QString why = QString::fromStdString(e.what());
            if (e.type == "LimitExceededException")
                why = QStringLiteral("more --secret options than --max-secrets (%1)").arg(maxSecrets);
            error = parser.attributed(option, prefix + why);
            return nullptr;
        }
    }
    return store;
}

} // namespace orderlab::app
