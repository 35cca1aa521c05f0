#pragma once

// Table-driven cases for tst_intrinsics, kept apart from the test class (moc does not parse raw
// string literals that contain escaped quotes).

#include <QList>

struct IntrinsicCase
{
    const char *name;
    const char *expression;
    const char *input;    // JSON
    const char *expected; // JSON value, or the error name for failure cases
};

const QList<IntrinsicCase> &intrinsicEvaluationCases();
const QList<IntrinsicCase> &intrinsicFailureCases();
