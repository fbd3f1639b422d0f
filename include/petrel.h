/*
 * petrel.h - the one public header of libpetrel.
 *
 * Petrel turns news text into quotations (who said what) and political events
 * (who did what to whom, when) coded in CAMEO and PLOVER, each traced to the
 * sentence and character offsets it came from.
 *
 * Shape of the API:
 *
 *   petrel_engine  dictionaries loaded once, immutable, shared by all threads.
 *   petrel_worker  one per thread; owns the per-document arena. Coding a document
 *                  returns a petrel_result that lives until the worker codes the
 *                  next document or is freed (one arena reset, no per-record free).
 *   petrel_reader  turns files (txt, jsonl, html, warc, gz) into petrel_input
 *                  records one at a time, skipping and counting bad records.
 *
 * Every function that can fail returns a negative petrel_status and fills a
 * petrel_error; the library never prints and never exits.
 *
 * Offsets in results are Unicode code points into the article text as given
 * (Python str indexes), end exclusive.
 */
#ifndef PETREL_H
#define PETREL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PETREL_VERSION "0.1.0"

/* ---------------------------------------------------------------- errors */

typedef enum petrel_status {
    PETREL_OK = 0,
    PETREL_EOF = 1,          /* reader: no more records */
    PETREL_ERR_IO = -1,      /* open/read/write failed */
    PETREL_ERR_INPUT = -2,   /* a bad record: skipped, reading can go on */
    PETREL_ERR_DICT = -3,    /* a dictionary file has a problem */
    PETREL_ERR_NOMEM = -4,
    PETREL_ERR_USAGE = -5,   /* bad argument or option */
    PETREL_ERR_STORE = -6,   /* database error */
    PETREL_ERR_TOO_BIG = -7, /* a record over the size limit: skipped */
} petrel_status;

typedef struct petrel_error {
    petrel_status code;
    char message[512];
    char file[512]; /* file the problem is in, "" if none */
    long line;      /* 1-based line (or record number for JSONL), 0 if none */
    long column;    /* 1-based column, 0 if none */
} petrel_error;

/* "FILE:LINE: message" (or less when fields are empty), into buf. */
const char *petrel_error_format(const petrel_error *err, char *buf, size_t size);

/* ---------------------------------------------------------------- engine */

typedef struct petrel_engine petrel_engine;

typedef enum petrel_dict_format {
    PETREL_DICT_AUTO = 0, /* recognise by content */
    PETREL_DICT_PETREL,   /* ours: dict/README.md */
    PETREL_DICT_TABARI,   /* TABARI .actors / .agents / .verbs / .options */
    PETREL_DICT_PETRARCH, /* PETRARCH / Phoenix actors, agents, CAMEO verbs, discards */
} petrel_dict_format;

/* An engine with no dictionaries. */
petrel_engine *petrel_engine_new(petrel_error *err);

/* Load every dictionary in a directory tree of our format (the shipped dict/). */
int petrel_engine_load_dir(petrel_engine *eng, const char *dir, petrel_error *err);

/* Load one dictionary file; format AUTO recognises ours, TABARI's and PETRARCH's. */
int petrel_engine_load_file(petrel_engine *eng, const char *path, petrel_dict_format fmt,
                            petrel_error *err);

/* After loading, before coding: builds lookup tables. Loading after this fails. */
int petrel_engine_finish(petrel_engine *eng, petrel_error *err);

/* After petrel_engine_finish: writes the engine's TABARI / PETRARCH
 * dictionaries, compiled, to path. petrel_engine_load_file reads such a file
 * back (any format) in milliseconds instead of parsing the text again; only
 * the build of Petrel that wrote it can read it. Our own dictionaries are not
 * included. PETREL_ERR_USAGE when no such dictionary is loaded. */
int petrel_engine_write_compiled(const petrel_engine *eng, const char *path, petrel_error *err);

void petrel_engine_free(petrel_engine *eng);

/* Called for every problem found while loading dictionaries (all of them, not
 * only the first), e.g. to print them; warning=true for notes that do not stop
 * loading (duplicates, unknown TABARI options). */
void petrel_engine_set_problem_handler(petrel_engine *eng,
                                       void (*fn)(void *user, const petrel_error *problem,
                                                  bool warning),
                                       void *user);
size_t petrel_engine_errors(const petrel_engine *eng);
size_t petrel_engine_warnings(const petrel_engine *eng);

/* Where the shipped dictionaries are: $PETREL_DICT, else the build-time path. */
const char *petrel_default_dict_dir(void);

/* Counts of what is loaded, by kind, for `petrel dict check` and summaries. */
typedef struct petrel_dict_stats {
    size_t actors, actor_names, agents, verb_patterns, verbs, synsets, cues, abbreviations,
        boilerplate, cameo_codes, inflections, discards, files, given_names;
} petrel_dict_stats;
void petrel_engine_stats(const petrel_engine *eng, petrel_dict_stats *out);

/* ---------------------------------------------------------------- input */

typedef struct petrel_input {
    const char *id;
    const char *text; /* UTF-8, need not be NUL-terminated */
    size_t len;
    const char *date; /* "YYYY-MM-DD" or NULL */
    const char *url;  /* or NULL */
    const char *title;
    const char *source_file; /* for messages and records, may be NULL */
    long source_line;        /* line (JSONL) or record (WARC) the input came from */
    bool keep_text;          /* emit the text in the document record (HTML, WARC) */
    /* text is a web page's markup, in UTF-8: petrel_code extracts the article
     * from it first. The page's own date wins over date here (a fallback);
     * title and url here, when set, win over the page's. */
    bool html;
} petrel_input;

typedef enum petrel_input_format {
    PETREL_FMT_AUTO = 0, /* by file extension (.txt .jsonl .html .warc, each optionally .gz) */
    PETREL_FMT_TEXT,
    PETREL_FMT_JSONL,
    PETREL_FMT_HTML,
    PETREL_FMT_WARC,
} petrel_input_format;

typedef struct petrel_reader petrel_reader;

typedef struct petrel_reader_options {
    petrel_input_format format;
    const char *date;      /* publication date for text input (--date) */
    /* a record with no date of its own takes one written in its id or file
     * name ("2016-03-10-speech.txt"), before date (--date-from-name); a date in
     * a JSONL record's url is always taken */
    bool date_from_name;
    size_t max_doc_bytes;  /* larger records are skipped with PETREL_ERR_TOO_BIG; 0 = default */
    /* HTML and WARC: hand each page over as UTF-8 markup (petrel_input.html
     * set) instead of the extracted article, so that the extraction - most of
     * the work for web input - runs in petrel_code, on the worker's thread. */
    bool defer_markup;
} petrel_reader_options;

#define PETREL_DEFAULT_MAX_DOC_BYTES (8u << 20)

/* path "-" reads stdin. */
petrel_reader *petrel_reader_open(const char *path, const petrel_reader_options *opt,
                                  petrel_error *err);

/* Next record: PETREL_OK (doc filled, valid until the next call), PETREL_EOF, or a
 * negative status. PETREL_ERR_INPUT / PETREL_ERR_TOO_BIG mean that record was skipped
 * and reading can go on; PETREL_ERR_IO means the stream is broken (reading stops). */
int petrel_reader_next(petrel_reader *rd, petrel_input *doc, petrel_error *err);

/* Non-fatal conditions met while reading (e.g. WARC records that are not HTML). */
typedef struct petrel_reader_stats {
    size_t records, skipped_other, warnings;
} petrel_reader_stats;
void petrel_reader_stats_get(const petrel_reader *rd, petrel_reader_stats *out);
/* A note about the record just returned (e.g. a date that was ignored), or NULL. */
const char *petrel_reader_warning(const petrel_reader *rd);
void petrel_reader_close(petrel_reader *rd);

/* True for a real calendar date written YYYY-MM-DD. */
bool petrel_date_is_valid(const char *s);

/* Check text is acceptable UTF-8 (no NUL bytes, no invalid sequences). On failure
 * fills err with the byte offset in column. */
int petrel_check_utf8(const char *text, size_t len, petrel_error *err);

/* ---------------------------------------------------------------- results */

typedef struct petrel_span {
    uint32_t start, end; /* code points, end exclusive */
    const char *text;    /* UTF-8 bytes of the span (not NUL-terminated) */
    uint32_t text_len;
} petrel_span;

typedef struct petrel_actor_ref {
    petrel_span mention; /* the words in the text ("he", "Tavakoli", "Iran's foreign minister") */
    const char *actor;   /* CAMEO actor code or NULL */
    const char *name;    /* resolved full name or NULL */
} petrel_actor_ref;

typedef struct petrel_dropped {
    uint32_t start, end;
    const char *reason;
} petrel_dropped;

typedef struct petrel_sentence {
    uint32_t start, end;
    uint32_t paragraph;
} petrel_sentence;

typedef struct petrel_mention {
    petrel_span span;
    const char *actor;
    const char *name;
    const char *how; /* "dictionary", "learned", "surname", "pronoun", "title", "agent" */
    uint32_t sentence;
} petrel_mention;

typedef enum petrel_quote_kind {
    PETREL_QUOTE_DIRECT,
    PETREL_QUOTE_PARTIAL,
    PETREL_QUOTE_INDIRECT,
} petrel_quote_kind;

typedef struct petrel_quote {
    petrel_quote_kind kind;
    petrel_span content;
    bool has_cue, has_source;
    petrel_span cue;
    petrel_span source;
    const char *speaker_name; /* NULL when unresolved */
    const char *speaker_actor;
    uint32_t sentence;
    /* attributions only: "belief", "intention", "perception", "evidence",
     * "stance" or "speech_act";
     * NULL for a quotation (speech) */
    const char *cue_type;
} petrel_quote;

typedef enum petrel_mode {
    PETREL_MODE_ASSERTED,
    PETREL_MODE_CONDITIONAL,
    PETREL_MODE_FUTURE,
    PETREL_MODE_HYPOTHETICAL,
} petrel_mode;

typedef struct petrel_event {
    char code[8];   /* CAMEO event code */
    char root[3];
    const char *plover; /* PLOVER type or NULL */
    double goldstein;
    int quad;
    petrel_actor_ref source;
    bool has_target;
    petrel_actor_ref target;
    petrel_span verb;
    petrel_span sentence;
    char date[11]; /* "" when unknown */
    bool has_date_text;
    petrel_span date_text;
    bool negated;
    petrel_mode mode;
    bool claimed;
    const char *claimed_name;
    const char *claimed_actor;
    const char *pattern; /* the dictionary pattern that matched, for explanations */
} petrel_event;

typedef struct petrel_result {
    const char *id, *date, *url, *title;
    const char *text; /* the article text (offsets index it) */
    size_t text_len;
    bool keep_text;
    size_t n_dropped;
    const petrel_dropped *dropped;
    size_t n_sentences;
    const petrel_sentence *sentences;
    size_t n_mentions;
    const petrel_mention *mentions;
    size_t n_quotes;
    const petrel_quote *quotes;
    size_t n_attributions; /* what is reported that is not speech: beliefs, intentions ... */
    const petrel_quote *attributions;
    size_t n_events;
    const petrel_event *events;
} petrel_result;

/* ---------------------------------------------------------------- coding */

typedef struct petrel_worker petrel_worker;

petrel_worker *petrel_worker_new(const petrel_engine *eng, petrel_error *err);

/* Code one document. The result stays valid until the next call on this worker. */
int petrel_code(petrel_worker *w, const petrel_input *in, const petrel_result **out,
                petrel_error *err);

void petrel_worker_free(petrel_worker *w);

/* What a worker's results hold: by default all of it. A result leaves out
 * what is not asked for, and the stages that would make only that are not
 * run. Petrel's own event coder reads the actor and quotation stages, so with
 * its dictionaries events alone take as long as everything. TABARI's and
 * PETRARCH's verb rules read only the words: events alone skip both stages,
 * and those events are the same except that none is marked claimed (a
 * speaker's) or negated by a reported denial. */
enum petrel_want_flags {
    PETREL_WANT_EVENTS = 1 << 0,
    PETREL_WANT_QUOTES = 1 << 1,   /* quotations and attributions */
    PETREL_WANT_MENTIONS = 1 << 2, /* actor mentions */
    PETREL_WANT_ALL = (1 << 3) - 1,
};

void petrel_worker_want(petrel_worker *w, unsigned want);

/* ---------------------------------------------------------------- output */

typedef struct petrel_buffer {
    char *data;
    size_t len, cap;
} petrel_buffer;

void petrel_buffer_free(petrel_buffer *b);

enum petrel_jsonl_flags {
    PETREL_OUT_SENTENCES = 1 << 0, /* emit {"type":"sentence"} records */
    PETREL_OUT_MENTIONS = 1 << 1,  /* emit {"type":"mention"} records */
    PETREL_OUT_TEXT = 1 << 2,      /* include "text" in every document record */
    PETREL_OUT_NO_QUOTES = 1 << 3,
    PETREL_OUT_NO_EVENTS = 1 << 4,
    PETREL_OUT_NO_ATTRIBUTIONS = 1 << 5, /* no {"type":"attribution"} records */
};

/* Append the JSON Lines of one result to buf. */
int petrel_format_jsonl(const petrel_result *r, unsigned flags, petrel_buffer *buf);

/* A deep copy of a result in one allocation, owning its strings: for handing a
 * result to another thread or keeping it past the worker's next document. NULL
 * when out of memory. Free with petrel_result_free. */
petrel_result *petrel_result_clone(const petrel_result *r);
void petrel_result_free(petrel_result *r);

/* SHA-256 of a text as 64 lowercase hex digits and a NUL: the key a store uses
 * to tell an unchanged document from a changed one. */
void petrel_text_sha256(const char *text, size_t len, char hex[65]);

/* ---------------------------------------------------------------- store */

/* A database of coded documents: SQLite (a file path, or sqlite:PATH) or
 * PostgreSQL (postgresql://... or postgres://...). The schema is in
 * docs/schema.md; petrel_store_open creates it when missing. A store handle is
 * used by one thread at a time. */
typedef struct petrel_store petrel_store;

enum petrel_store_flags {
    PETREL_STORE_TEXT = 1 << 0,     /* keep the article text in documents.text */
    PETREL_STORE_RECODE = 1 << 1,   /* replace a document even when its text is unchanged */
    PETREL_STORE_READONLY = 1 << 2, /* queries only; the database must exist */
};

typedef enum petrel_store_outcome {
    PETREL_STORED_NEW,       /* a document id not seen before */
    PETREL_STORED_UNCHANGED, /* same id and same text already stored: nothing written */
    PETREL_STORED_REPLACED,  /* same id, other text (or RECODE): its old rows replaced */
} petrel_store_outcome;

petrel_store *petrel_store_open(const char *uri, unsigned flags, petrel_error *err);

/* Store one coded document in one transaction: all its rows or none. Documents
 * are keyed by id; the text's SHA-256 decides between skip and replace, so a
 * rerun after a crash or over an overlapping corpus adds no duplicates. */
int petrel_store_put(petrel_store *st, const petrel_result *r, petrel_store_outcome *outcome,
                     petrel_error *err);

/* 1 when a document with this id and this exact text is stored (putting it
 * again would change nothing, so it need not be coded), 0 when not. */
int petrel_store_has(petrel_store *st, const char *id, const char *text, size_t len,
                     petrel_error *err);

/* "sqlite" or "postgresql". */
const char *petrel_store_kind(const petrel_store *st);

/* Closes and frees; fails if the last writes could not be made durable. */
int petrel_store_close(petrel_store *st, petrel_error *err);

/* ---------------------------------------------------------------- queries */

typedef enum petrel_value_type {
    PETREL_VALUE_NULL,
    PETREL_VALUE_INT,
    PETREL_VALUE_REAL,
    PETREL_VALUE_TEXT,
} petrel_value_type;

/* One row of a query answer; valid during the callback only. values[i] is the
 * text form of the value (NULL for SQL NULL). The first call of a query has
 * values == NULL and only names the columns, so an empty answer has them too. */
typedef struct petrel_row {
    size_t n;
    const char *const *names;
    const char *const *values;
    const petrel_value_type *types;
} petrel_row;

/* Return non-zero to stop the query (petrel_store_query then returns it). */
typedef int (*petrel_row_fn)(void *user, const petrel_row *row);

typedef struct petrel_query_options {
    const char *source, *target; /* actor code prefixes ("USA" matches USAGOV) */
    const char *code;            /* CAMEO code prefix ("19" matches 190..196) */
    const char *root;            /* CAMEO root, exactly ("19") */
    const char *plover;          /* PLOVER type, exactly ("ASSAULT") */
    const char *from, *to;       /* event day range, YYYY-MM-DD, inclusive */
    const char *speaker;         /* quotes: speaker actor code, or part of the name */
    const char *doc;             /* one document id */
    bool claimed_only, negated_only;
    size_t limit;                /* 0 = no limit */
} petrel_query_options;

/* Run a named query: "events", "quotes", "actors", "pairs", "summary", "groups"
 * (README "Query" lists the columns). SQLite stores only. */
int petrel_store_query(petrel_store *st, const char *what, const petrel_query_options *q,
                       petrel_row_fn fn, void *user, petrel_error *err);

/* Events as a Phoenix/GDELT-like tab-separated file with a header line: tabs,
 * newlines and backslashes inside values are written \t \n \\ (the escapes of
 * PostgreSQL COPY text format). */
int petrel_store_export_tsv(petrel_store *st, const petrel_query_options *q, FILE *out,
                            petrel_error *err);

typedef struct petrel_report_options {
    const char *title;     /* page title; NULL for a default */
    size_t max_events;     /* rows in the events table; 0 = 5000 */
    size_t max_quotes;     /* 0 = 5000 */
} petrel_report_options;

/* One self-contained HTML page (inline CSS and JS, no network): events per
 * month by quad class, the actor network, the events table, quotes by speaker. */
int petrel_store_report_html(petrel_store *st, const petrel_report_options *o, FILE *out,
                             petrel_error *err);

#ifdef __cplusplus
}
#endif
#endif /* PETREL_H */
