#pragma once

#include <QWidget>

class QLabel;
class QTimer;

namespace orderlab {

class LiveEmulator;
class RemoteClientsModel;

/**
 * Remote gRPC subscribers — a placeholder until the Momento gRPC server feeds it: it polls
 * LiveEmulator::remoteClients() (a RemoteClientsSource the server sets) once a second and
 * says plainly when there is no source.
 */
class RemoteClientsView : public QWidget
{
    Q_OBJECT
  public:
    explicit RemoteClientsView(LiveEmulator &emulator, QWidget *parent = nullptr);

    RemoteClientsModel *model() const { return m_model; }

  public slots:
    void poll();

  private:
    LiveEmulator &m_emulator;
    RemoteClientsModel *m_model;
    QLabel *m_note;
    QTimer *m_timer;
};

} // namespace orderlab
