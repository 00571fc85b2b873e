/* Internal: the writers of src/note, one per language. */
#ifndef TF_NOTE_WRITE_H
#define TF_NOTE_WRITE_H

#include <string.h>

#include "doc.h"
#include "tradeflow/output.h"

void tf_note_write_en(nd *b, const tf_note_model *m);

/* 1 when p, an import partner, is the reporter itself and the note tells its
 * figures as re-imports (tf_note_model.reimports) rather than as a source. */
static inline int nd_is_reimport(const tf_note_model *m, const tf_partner_figures *p)
{
    return m->reimports && !strcmp(p->partner, m->report->reporter);
}
void tf_note_write_zh(nd *b, const tf_note_model *m);
/* The outlook paragraph alone ("Outlook: Imports are expected at about ...",
 * "展望：预计..."), as the note writes it; nothing when m->outlook.has is 0. */
void tf_note_write_outlook_en(nd *b, const tf_note_model *m);
void tf_note_write_outlook_zh(nd *b, const tf_note_model *m);

#endif
