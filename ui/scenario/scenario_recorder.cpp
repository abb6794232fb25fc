#include "scenario_recorder.h"

#include "emulator_controller.h"
#include "expectation_capture.h"
#include "scenario_save.h"
#include "session_recording.h"
#include "world/world.h"
#include "world_call.h"

#include <QThreadPool>

namespace orderlab {

using namespace scenario;

ScenarioRecorder::ScenarioRecorder(EmulatorController &controller, QObject *parent)
    : QObject(parent), m_controller(controller), m_emulator(controller.emulator())
{
    connect(&m_controller, &EmulatorController::aboutToRestart, this, [this] {
        if (!m_starting && recording()) {
            end();
            emit abandoned();
        }
    });
}

ScenarioRecorder::~ScenarioRecorder() = default;

bool ScenarioRecorder::recording() const
{
    return !m_recording.expired();
}

int ScenarioRecorder::steps() const
{
    const auto r = m_recording.lock();
    return r ? static_cast<int>(r->steps()) : 0;
}

QString ScenarioRecorder::start()
{
    World *running = m_emulator.world();
    if (!running)
        return tr("the emulator is not running");
    WorldConfig config = running->config();
    config.pipeline.mapping = m_emulator.mappingConfig(); // applied in place since the world started
    config.feedAtStart = false;
    config.startPaused = true;
    m_starting = true;
    const QString error = m_controller.startWorld(config, [this] {
        World *world = m_emulator.world();
        auto recording = std::make_shared<SessionRecording>(*world, world->pipeline().scheduler().now());
        m_recording = recording;
        m_emulator.attach(recording);
    });
    m_starting = false;
    if (!recording())
        return error.isEmpty() ? tr("the recording could not start") : error;
    emit recordingChanged(true);
    return {};
}

QString ScenarioRecorder::expect(Capture capture)
{
    if (!recording())
        return tr("not recording: Scenario > Record first");
    std::weak_ptr<SessionRecording> weak = m_recording;
    const bool posted = callOnWorld<QString>(
        m_emulator, this,
        [weak, capture](World &world) {
            const auto recording = weak.lock();
            if (!recording)
                return QString();
            std::vector<Expectation> expectations = capture(world, *recording);
            QString described;
            for (const auto &e : expectations)
                described +=
                    (described.isEmpty() ? QString() : QStringLiteral("; ")) + QString::fromStdString(e.describe());
            recording->addExpect(world.pipeline().scheduler().now(), std::move(expectations));
            return described;
        },
        [this](QString described) {
            if (!described.isEmpty())
                emit expectationAdded(described);
        });
    return posted ? QString() : tr("the emulator is not running");
}

QString ScenarioRecorder::expectCacheKey(const QString &key)
{
    return expect([key = key.toStdString()](World &world, SessionRecording &r) {
        return std::vector<Expectation>{cacheKeyNow(world, r.recorder(), kCacheName, key)};
    });
}

QString ScenarioRecorder::expectOrder(const QString &pk)
{
    return expect([pk = pk.toStdString()](World &world, SessionRecording &r) {
        return std::vector<Expectation>{tableItemNow(world, r.recorder(), pk)};
    });
}

QString ScenarioRecorder::expectNotifications(const QString &subscriber)
{
    return expect([name = subscriber.toStdString()](World &world, SessionRecording &r) {
        return std::vector<Expectation>{notificationsNow(world, r.recorder(), name)};
    });
}

QString ScenarioRecorder::expectVerdict()
{
    return expect(
        [](World &world, SessionRecording &r) { return std::vector<Expectation>{verdictNow(world, r.recorder())}; });
}

void ScenarioRecorder::end()
{
    m_recording.reset();
    emit recordingChanged(false);
}

QString ScenarioRecorder::stop(const QString &folder)
{
    if (!recording())
        return tr("not recording");
    std::weak_ptr<SessionRecording> weak = m_recording;
    // What the window shows at Stop, read where the world runs: the verdict and every cache key.
    const bool posted = callOnWorld<std::shared_ptr<Scenario>>(
        m_emulator, this,
        [weak](World &world) {
            const auto recording = weak.lock();
            if (!recording)
                return std::shared_ptr<Scenario>();
            std::vector<Expectation> now{verdictNow(world, recording->recorder())};
            for (auto &e : wholeCacheNow(world, recording->recorder()))
                now.push_back(std::move(e));
            recording->addExpect(world.pipeline().scheduler().now(), std::move(now));
            return std::make_shared<Scenario>(recording->scenario({}, "recorded in the orderlab window"));
        },
        [this, folder](std::shared_ptr<Scenario> recorded) {
            end();
            if (!recorded) {
                emit saved(folder, false, tr("the recording ended before it was saved"));
                return;
            }
            // Writing and the headless run happen on a worker thread; the result comes back queued.
            m_pool.start([this, folder, recorded] {
                const CheckResult r = saveScenario(*recorded, folder.toStdString());
                QString message = QString::fromStdString(r.message);
                if (!r.details.empty())
                    message += QLatin1Char('\n') + QString::fromStdString(r.details);
                QMetaObject::invokeMethod(
                    this,
                    [this, folder, passed = r.status == CheckResult::Status::Passed, message] {
                        emit saved(folder, passed, message);
                    },
                    Qt::QueuedConnection);
            });
        });
    return posted ? QString() : tr("the emulator is not running");
}

} // namespace orderlab
