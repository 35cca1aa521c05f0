#include "layout.h"

#include <graphviz/gvc.h>

namespace sw::layout {
const char *graphvizVersion()
{
    static GVC_t *gvc = gvContext();
    return gvcVersion(gvc);
}
} // namespace sw::layout
