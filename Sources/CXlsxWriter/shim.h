// Debian's libxlsxwriter (apt-get install libxlsxwriter-dev), used by the XLSX export.
#include <xlsxwriter.h>
