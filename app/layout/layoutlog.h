#pragma once

#include <QLoggingCategory>

namespace sw::layout {
Q_DECLARE_LOGGING_CATEGORY(lcLayout)
} // namespace sw::layout
