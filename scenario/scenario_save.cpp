#include "scenario_save.h"

#include "scenario_writer.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>

#include <stdexcept>

namespace orderlab::scenario {

CheckResult saveScenario(const Scenario &scenario, const std::string &folder)
{
    const QDir dir(QString::fromStdString(folder));
    const QString path = dir.filePath(QStringLiteral("scenario.yaml"));
    CheckResult broken;
    broken.path = path.toStdString();
    broken.name = dir.dirName().toStdString();
    std::string text;
    try {
        text = writeScenario(scenario);
    } catch (const std::invalid_argument &e) {
        broken.message = e.what();
        return broken;
    }
    if (!QDir().mkpath(dir.path())) {
        broken.message = "cannot make the folder " + folder;
        return broken;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(QByteArray::fromStdString(text)) < 0 || !file.commit()) {
        broken.message = "cannot write " + path.toStdString() + ": " + file.errorString().toStdString();
        return broken;
    }
    return checkScenario(path.toStdString(), true);
}

} // namespace orderlab::scenario
