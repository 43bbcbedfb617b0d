/* xmllib.c — libxml2's table (see xmllib.h). */
#include "xmllib.h"

XmlLib xml;

static const DynSym aXmlSym[] = {
#define XML_SYM(name) DYNSYM(xml, name)
    XML_FUNCTIONS(XML_SYM)
#undef XML_SYM
    {NULL, NULL},
};

/* under the loader's lock: before any thread parses */
static void init_parser(void) {
  xml.xmlInitParser();
}

static DynLib gXml = DYNLIB_INIT("libxml2.so.2", "libxml2", aXmlSym, init_parser);

int xml_load(Err *e) {
  return dynlib_load(&gXml, e);
}

void xml_free(void *p) {
  (*xml.xmlFree)(p);
}

void xml_cleanup(void) {
  if (dynlib_loaded(&gXml)) xml.xmlCleanupParser();
}
