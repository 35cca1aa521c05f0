#pragma once

#include "statemachine.h"

#include <QList>
#include <QString>

namespace sw::asl {

enum class EdgeKind { Start, Next, ChoiceRule, Default, Catch };
QString toString(EdgeKind k);

// Identifies one transition: the state it leaves (empty for Start), its kind and the index of the
// Choice rule or Catch row. Edge ids are never built by concatenating names.
struct EdgeId
{
    QString scope; // JSON pointer of the machine the edge belongs to ("" for the top level)
    QString from;
    EdgeKind kind = EdgeKind::Next;
    int index = 0;
    friend bool operator==(const EdgeId &, const EdgeId &) = default;
};
size_t qHash(const EdgeId &e, size_t seed = 0);

struct Edge
{
    EdgeId id;
    QString to;     // target state name (may name a missing state: the validator reports it)
    QString label;  // short human form: a Choice condition, "Default", Catch error names
};

// The one place that derives transitions from ASL fields. Edges of one machine, not of nested ones.
QList<Edge> edgesOf(const StateMachine &machine);
// A short human form of a Choice rule's condition, e.g. "$.valid == true".
QString describeRule(const ChoiceRule &rule);

} // namespace sw::asl
