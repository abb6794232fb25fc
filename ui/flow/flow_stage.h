#pragma once

#include <QPair>
#include <QString>

namespace orderlab {

/// The boxes of the Flow view, in the order a table change passes them (docs/flow-view.md).
enum class FlowStage { Table, Shard, Lane, Handler, Cache, Topics, Apps };
constexpr int kFlowStageCount = 7;

inline int stageIndex(FlowStage s)
{
    return static_cast<int>(s);
}

inline FlowStage stageAt(int index)
{
    return static_cast<FlowStage>(qBound(0, index, kFlowStageCount - 1));
}

/// A mapping lane: (shard, lane), as InvocationRow names it.
using LaneKey = QPair<int, int>;

} // namespace orderlab
