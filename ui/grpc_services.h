#pragma once

namespace orderlab {

class LiveEmulator;

/**
 * Serves the emulator's cache and topics over Momento's gRPC protocol while the window runs:
 * a MomentoServer on 127.0.0.1:`port` (0 = a free port) over every pipeline the emulator
 * starts, its port in the status bar and its clients in the Subscribers pane. If the port is
 * taken, an ephemeral one is used instead. Call before LiveEmulator::start.
 */
void installGrpcServices(LiveEmulator &emulator, int port);

} // namespace orderlab
