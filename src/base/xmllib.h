/* xmllib.h — libxml2, loaded when an XLSX, DOCX or HTML file is first read
 * (base/dynlib.h): it brings ICU and the C++ runtime, 5 ms of every run's
 * start otherwise. Callers use the table `xml`, e.g. xml.xmlReadMemory(…). */
#ifndef FZ_XMLLIB_H
#define FZ_XMLLIB_H

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "dynlib.h"
#include "err.h"

/* Every libxml2 function fazhi uses, and xmlFree: a variable that holds
 * its deallocator (the member is its address, as for the functions). */
#define XML_FUNCTIONS(X)                                                        \
  X(xmlCleanupParser) X(xmlCreatePushParserCtxt) X(xmlCtxtUseOptions)           \
  X(xmlDocGetRootElement) X(xmlFreeDoc) X(xmlFreeParserCtxt) X(xmlInitParser)   \
  X(xmlNodeGetContent) X(xmlParseChunk) X(xmlReadMemory) X(xmlStopParser)       \
  X(xmlStrcasecmp) X(htmlReadMemory) X(xmlFree)

typedef struct XmlLib {
  XML_FUNCTIONS(DYNLIB_MEMBER)
} XmlLib;

extern XmlLib xml;

/* Load libxml2 and initialise its parser (once per process, thread-safe). */
int xml_load(Err *e);

/* Free what libxml2 allocated for the caller (its xmlFree). */
void xml_free(void *p);

/* At exit: libxml2's global state, if it was ever loaded. */
void xml_cleanup(void);

#endif
