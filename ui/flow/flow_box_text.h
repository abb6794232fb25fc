#pragma once

#include "flow_model.h"

#include <QStringList>

namespace orderlab {

/// Which box of the Flow view: its stage and, for a shard or a lane, which one.
struct FlowBoxId
{
    FlowStage stage = FlowStage::Table;
    int shard = -1; ///< Shard and Lane boxes
    int lane = -1;  ///< Lane boxes
    bool operator==(const FlowBoxId &o) const = default;
};

/// The boxes the counts call for, in drawing order: table, one per shard, one per lane, handler, cache, topics.
/// Before anything is seen there is one shard and one lane (0, 0).
QList<FlowBoxId> flowBoxes(const FlowCounts &counts);

/// What a box says: its title, then for each live count, `stacked`, its value (drawn bold) and below it what it
/// counts, else one line "value what" (docs/flow-view.md, "Boxes"). Counts up to 999,999 are written in full,
/// larger ones as "1.23 M".
QStringList flowBoxLines(const FlowBoxId &box, const FlowCounts &counts, bool stacked = true);

/// The same lines with every count at its widest (`digits` nines, at most six): what the layout makes room for.
QStringList flowBoxTemplate(const FlowBoxId &box, bool stacked = true, int digits = 6);

} // namespace orderlab
