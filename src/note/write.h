/* Internal: the writers of src/note, one per language. */
#ifndef TF_NOTE_WRITE_H
#define TF_NOTE_WRITE_H

#include "doc.h"
#include "tradeflow/output.h"

void tf_note_write_en(nd *b, const tf_note_model *m);
void tf_note_write_zh(nd *b, const tf_note_model *m);

#endif
