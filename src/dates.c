/*
 * dates.c - date expressions resolved against the article's date.
 *
 * News dates events relative to publication: "on Thursday" is the Thursday
 * before the article (the day itself if it is a Thursday), "last month" the
 * first day of the month before, "in recent weeks" three weeks back. An event
 * takes the expression in its sentence nearest its verb; with none, the
 * article's date, as GDELT does. Future events ("will meet on Monday") look
 * forward instead, and so do hypothetical ones that no past verb frames.
 */
#include "dates.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "actors.h"
#include "events.h"
#include "text.h"
#include "wordclass.h"

/* ------------------------------------------------------------ calendar */

/* Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's
 * days_from_civil algorithm). */
static int64_t days_from_ymd(int y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int32_t ymd_from_days(int64_t z)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t d = doy - (153 * mp + 2) / 5 + 1;
    int64_t m = mp + (mp < 10 ? 3 : -9);
    y += m <= 2;
    return (int32_t)(y * 10000 + m * 100 + d);
}

static int64_t days_of(int32_t ymd) { return days_from_ymd(ymd / 10000, ymd / 100 % 100, ymd % 100); }

/* 0 = Monday ... 6 = Sunday */
static int weekday_of(int64_t days) { return (int)(((days % 7) + 7 + 3) % 7); }

static int days_in_month(int y, int m)
{
    static const int md[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return md[m - 1];
}

/* ------------------------------------------------------------ words */

static const char *const weekdays[] = {"monday", "tuesday", "wednesday", "thursday",
                                       "friday", "saturday", "sunday", NULL};
static const char *const months[] = {"january", "february", "march",     "april",
                                     "may",     "june",     "july",      "august",
                                     "september", "october", "november", "december", NULL};
static const char *const month_abbrevs[] = {"jan.", "feb.", "mar.", "apr.", "may", "jun.",
                                            "jul.", "aug.", "sep.", "oct.", "nov.", "dec.",
                                            NULL};

static int month_of(const tok *t)
{
    int m = tok_index(t, months);
    if (m < 0)
        m = tok_index(t, month_abbrevs);
    if (m < 0 && tok_is(t, "sept."))
        m = 8;
    return m;
}

static int number_of(const doc *d, const tok *t, int lo, int hi)
{
    if (t->kind != TK_NUMBER || t->end - t->start > 4)
        return -1;
    int v = 0;
    for (uint32_t i = t->start; i < t->end; i++) {
        char c = d->text[i];
        if (c < '0' || c > '9')
            return -1;
        v = v * 10 + (c - '0');
    }
    return v >= lo && v <= hi ? v : -1;
}

/* "5th", "21st" come out of the tokenizer as one word */
static int ordinal_of(const doc *d, const tok *t)
{
    uint32_t n = t->end - t->start;
    if (t->kind != TK_NUMBER || n < 3 || n > 4)
        return number_of(d, t, 1, 31);
    const char *s = d->text + t->start;
    int v = 0, i = 0;
    while (i < (int)n && s[i] >= '0' && s[i] <= '9')
        v = v * 10 + (s[i++] - '0');
    if (i == 0 || i > 2 || v < 1 || v > 31)
        return -1;
    const char *suf = s + i;
    size_t sl = n - (uint32_t)i;
    if ((sl == 2) && (!strncasecmp(suf, "st", 2) || !strncasecmp(suf, "nd", 2) ||
                      !strncasecmp(suf, "rd", 2) || !strncasecmp(suf, "th", 2)))
        return v;
    return -1;
}

typedef struct date_mention {
    uint32_t sent;
    uint32_t tok_begin, tok_end;
    int32_t ymd;      /* resolved looking back */
    int32_t ymd_next; /* resolved looking forward (weekdays), 0 if the same */
} date_mention;

typedef VEC(date_mention) date_vec;

/* ------------------------------------------------------------ recognising */

static bool add(doc *d, date_vec *out, uint32_t si, uint32_t b, uint32_t e,
                int32_t ymd, int32_t next)
{
    date_mention *m = VEC_PUSH(d->a, out);
    if (!m)
        return false;
    m->sent = si;
    m->tok_begin = b;
    m->tok_end = e;
    m->ymd = ymd;
    m->ymd_next = next;
    return true;
}

static int32_t first_of_month(int y, int m) { return y * 10000 + m * 100 + 1; }

/* Can a date expression start at token k? Asked at every token, and most
 * fail it, so it is asked before the call: it rules out every number and
 * every "a" that expression_at would turn down (a number starts a date only
 * as 2022-10-03, "5 days ago", "5 March", "in 2021" or "in the 1960s"; "a" only as "a week
 * ago"). */
static bool may_start_date(const tok *t, uint32_t k, uint32_t end)
{
    const tok *w = &t[k];
    bool ago = k + 2 < end && tok_is(&t[k + 2], "ago");
    if (w->kind == TK_NUMBER)
        return w->end - w->start == 10 || ago ||
               (k + 1 < end && (t[k + 1].cls & WC_DATE_START)) ||
               (k > 0 && (tok_is(&t[k - 1], "in") || tok_is(&t[k - 1], "the")));
    return (w->cls & WC_DATE_START) && (ago || !tok_is(w, "a"));
}

/* One expression starting at k, or 0 tokens. */
static uint32_t expression_at(const doc *d, uint32_t k, uint32_t end, int32_t *ymd, int32_t *next)
{
    const tok *t = d->toks.items;
    *next = 0;
    const tok *w = &t[k];
    if (!may_start_date(t, k, end))
        return 0;
    int32_t base = d->date_ymd;
    int64_t today = days_of(base);
    int y = base / 10000, mo = base / 100 % 100;

    /* 2022-10-03 */
    if (w->kind == TK_NUMBER && w->end - w->start == 10) {
        int32_t v = parse_ymd(d->text + w->start, 10);
        if (v > 0) {
            *ymd = v;
            return 1;
        }
    }
    /* yesterday / today / tomorrow */
    if (tok_is(w, "yesterday")) {
        *ymd = ymd_from_days(today - 1);
        return 1;
    }
    if (tok_is(w, "today") || tok_is(w, "tonight")) {
        *ymd = base;
        return 1;
    }
    if (tok_is(w, "tomorrow")) {
        *ymd = ymd_from_days(today + 1);
        return 1;
    }
    /* (last|next|this)? Weekday */
    int wd = tok_index(w, weekdays);
    uint32_t adv = 0;
    const tok *mod = NULL;
    if (wd < 0 && k + 1 < end && (tok_is(w, "last") || tok_is(w, "next") || tok_is(w, "this") ||
                                  tok_is(w, "past") || tok_is(w, "coming"))) {
        wd = tok_index(&t[k + 1], weekdays);
        if (wd >= 0) {
            mod = w;
            adv = 1;
        }
    }
    if (wd >= 0) {
        int today_wd = weekday_of(today);
        int back = (today_wd - wd + 7) % 7;
        int fwd = (wd - today_wd + 7) % 7;
        if (mod && tok_is(mod, "last") && back == 0)
            back = 7;
        if (mod && tok_is(mod, "next") && fwd == 0)
            fwd = 7;
        if (mod && (tok_is(mod, "next") || tok_is(mod, "coming"))) {
            *ymd = ymd_from_days(today + fwd);
        } else {
            *ymd = ymd_from_days(today - back);
            if (!mod || tok_is(mod, "this"))
                *next = ymd_from_days(today + fwd);
        }
        return adv + 1;
    }
    /* last/this/next week|month|year|weekend; earlier this month */
    if (k + 1 < end && (tok_is(w, "last") || tok_is(w, "this") || tok_is(w, "next") ||
                        tok_is(w, "past"))) {
        const tok *u = &t[k + 1];
        int dir = tok_is(w, "last") || tok_is(w, "past") ? -1 : tok_is(w, "next") ? 1 : 0;
        if (tok_is(u, "week") || tok_is(u, "weekend")) {
            int64_t monday = today - weekday_of(today);
            *ymd = ymd_from_days(tok_is(u, "weekend") ? monday + 5 + 7 * dir : monday + 7 * dir);
            return 2;
        }
        if (tok_is(u, "month")) {
            int m2 = mo + dir, y2 = y;
            if (m2 < 1) {
                m2 = 12;
                y2--;
            } else if (m2 > 12) {
                m2 = 1;
                y2++;
            }
            *ymd = first_of_month(y2, m2);
            return 2;
        }
        if (tok_is(u, "year")) {
            *ymd = (y + dir) * 10000 + 101;
            return 2;
        }
        /* "last winter", "this spring", "next fall": the month the season
         * starts (northern seasons: winter from December) */
        int sm = tok_is(u, "winter")                         ? 12
                 : tok_is(u, "spring")                       ? 3
                 : tok_is(u, "summer")                       ? 6
                 : tok_is(u, "fall") || tok_is(u, "autumn") ? 9
                                                             : 0;
        if (sm) {
            /* months counted from year 0; the season now runs from cs */
            int now = y * 12 + (mo - 1);
            int cs = now - (mo % 12) % 3;
            int at = (y - (sm == 12 && mo <= 2 ? 1 : 0)) * 12 + (sm - 1); /* this one */
            if (dir < 0)
                while (at >= cs)
                    at -= 12;
            else if (dir > 0)
                while (at <= cs)
                    at += 12;
            *ymd = first_of_month(at / 12, at % 12 + 1);
            return 2;
        }
    }
    /* in recent days|weeks|months; in the past (few) days|weeks; N days ago */
    {
        uint32_t j = k;
        bool recent = false;
        if (tok_is(&t[j], "in") || tok_is(&t[j], "over") || tok_is(&t[j], "during"))
            j++;
        if (j < end && tok_is(&t[j], "the"))
            j++;
        if (j < end && (tok_is(&t[j], "recent") || tok_is(&t[j], "past") ||
                        tok_is(&t[j], "last"))) {
            recent = true;
            j++;
        }
        if (recent && j < end && (tok_is(&t[j], "few") || tok_is(&t[j], "several") ||
                                  tok_is(&t[j], "couple")))
            j++;
        if (recent && j < end && j > k) {
            int span = tok_is(&t[j], "days") ? 7 : tok_is(&t[j], "weeks") ? 21
                       : tok_is(&t[j], "months")                         ? 90
                                                                          : 0;
            if (span && (tok_is(&t[k], "in") || tok_is(&t[k], "over") || tok_is(&t[k], "during"))) {
                *ymd = ymd_from_days(today - span);
                return j + 1 - k;
            }
        }
    }
    int n = number_of(d, w, 1, 400);
    if (n < 0) {
        static const char *const number_words[] = {"zero", "one", "two", "three", "four",
                                                   "five", "six", "seven", "eight", "nine",
                                                   "ten", "eleven", "twelve", NULL};
        n = tok_index(w, number_words);
        if (n <= 0 && tok_is(w, "a") && k + 2 < end && tok_is(&t[k + 2], "ago"))
            n = 1;
    }
    if (n > 0 && k + 2 < end && tok_is(&t[k + 2], "ago")) {
        const tok *u = &t[k + 1];
        int64_t per = tok_is(u, "day") || tok_is(u, "days")     ? 1
                      : tok_is(u, "week") || tok_is(u, "weeks") ? 7
                                                                : 0;
        if (per) {
            *ymd = ymd_from_days(today - per * n);
            return 3;
        }
        if (tok_is(u, "month") || tok_is(u, "months") || tok_is(u, "year") || tok_is(u, "years")) {
            int months_back = tok_is(u, "month") || tok_is(u, "months") ? n : 12 * n;
            int total = y * 12 + (mo - 1) - months_back;
            *ymd = first_of_month(total / 12, total % 12 + 1);
            return 3;
        }
    }
    /* Month Day(, Year) / Day Month (Year) / in Month (Year) */
    int m = month_of(w);
    if (m >= 0 && !(tok_is(w, "may") && !(w->flags & TF_CAP)) &&
        !(tok_is(w, "march") && !(w->flags & TF_CAP))) {
        int day = k + 1 < end ? ordinal_of(d, &t[k + 1]) : -1;
        uint32_t used = 1;
        int yy = -1;
        if (day > 0) {
            used = 2;
            uint32_t j = k + 2;
            if (j < end && tok_is(&t[j], ","))
                j++;
            if (j < end && (yy = number_of(d, &t[j], 1000, 2999)) > 0)
                used = j + 1 - k;
        } else if (k + 1 < end && (yy = number_of(d, &t[k + 1], 1000, 2999)) > 0) {
            used = 2;
        }
        if (day < 0 && yy < 0 && !(k > 0 && (tok_is(&t[k - 1], "in") || tok_is(&t[k - 1], "since") ||
                                             tok_is(&t[k - 1], "until") || tok_is(&t[k - 1], "early") ||
                                             tok_is(&t[k - 1], "late") || tok_is(&t[k - 1], "mid"))))
            return 0; /* a bare month name is too often something else */
        int year = yy > 0 ? yy : y;
        /* a month after the article's month, with no year, was last year;
         * said of what is yet to come, it is this year's ("will campaign
         * in September") */
        if (yy < 0 && m + 1 > mo) {
            year--;
            if (day <= days_in_month(y, m + 1))
                *next = y * 10000 + (m + 1) * 100 + (day > 0 ? day : 1);
        }
        if (day > days_in_month(year, m + 1))
            return 0;
        *ymd = year * 10000 + (m + 1) * 100 + (day > 0 ? day : 1);
        return used;
    }
    int day = ordinal_of(d, w);
    if (day > 0 && k + 1 < end && (m = month_of(&t[k + 1])) >= 0) {
        int yy = k + 2 < end ? number_of(d, &t[k + 2], 1000, 2999) : -1;
        int year = yy > 0 ? yy : (m + 1 > mo ? y - 1 : y);
        if (day > days_in_month(year, m + 1))
            return 0;
        *ymd = year * 10000 + (m + 1) * 100 + day;
        return yy > 0 ? 3 : 2;
    }
    /* in 2021 */
    if (k > 0 && tok_is(&t[k - 1], "in") && (n = number_of(d, w, 1900, 2100)) > 0) {
        *ymd = n * 10000 + 101;
        return 1;
    }
    /* "during the 2012 election", "in the 2008 campaign": that year */
    static const char *const races[] = {"election", "elections", "campaign", "race",
                                        "primary", "primaries", "cycle", NULL};
    /* only as an opening adjunct: "criticized his remarks in the 2008
     * campaign" dates the remarks, not the criticism */
    if (k > 1 && k + 2 < end && tok_is(&t[k - 1], "the") &&
        (tok_is(&t[k - 2], "in") || tok_is(&t[k - 2], "during")) && tok_in(&t[k + 1], races) &&
        tok_is(&t[k + 2], ",") && (t[k - 2].flags & TF_SENT_START) &&
        (n = number_of(d, w, 1900, 2100)) > 0) {
        *ymd = n * 10000 + 101;
        return 2;
    }
    /* "in the 1960s", "during the 1990s": the decade, from its first year
     * (as a year is from its first day) */
    if (k > 1 && tok_is(&t[k - 1], "the") &&
        (tok_is(&t[k - 2], "in") || tok_is(&t[k - 2], "during")) && w->key_len == 5 &&
        w->key[4] == 's' && w->key[3] == '0' && isdigit((unsigned char)w->key[0]) &&
        isdigit((unsigned char)w->key[1]) && isdigit((unsigned char)w->key[2])) {
        int decade = (w->key[0] - '0') * 1000 + (w->key[1] - '0') * 100 + (w->key[2] - '0') * 10;
        if (decade >= 1800 && decade <= 2090) {
            *ymd = decade * 10000 + 101;
            return 1;
        }
    }
    return 0;
}

static bool time_of_day(const tok *t)
{
    return tok_is(t, "morning") || tok_is(t, "afternoon") || tok_is(t, "evening") ||
           tok_is(t, "night");
}

uint32_t dates_adjunct_at(const doc *d, uint32_t k, uint32_t end)
{
    const tok *t = d->toks.items;
    uint32_t j = k;
    if (j < end && (tok_is(&t[j], "late") || tok_is(&t[j], "early") ||
                    tok_is(&t[j], "earlier") || tok_is(&t[j], "later")))
        j++;
    int32_t ymd, next;
    /* "in recent weeks", "over the past few days": the preposition is part of it */
    uint32_t n = j < end && may_start_date(t, j, end) ? expression_at(d, j, end, &ymd, &next) : 0;
    if (n)
        return j + n - k;
    bool prep = j < end && (tok_is(&t[j], "on") || tok_is(&t[j], "in") ||
                            tok_is(&t[j], "at") || tok_is(&t[j], "during"));
    if (prep)
        j++;
    if (j >= end)
        return 0;
    n = may_start_date(t, j, end) ? expression_at(d, j, end, &ymd, &next) : 0;
    if (n) {
        j += n;
        if (j < end && time_of_day(&t[j])) /* "on Monday night" */
            j++;
        return j - k;
    }
    /* "in the afternoon", "during the night" */
    if (prep && j + 1 < end && tok_is(&t[j], "the") && time_of_day(&t[j + 1]))
        return j + 2 - k;
    return 0;
}

/* A word that opens a clause of its own: a date after it is said of that
 * clause ("lamented the bill that she backed in 2007", "charged that she
 * hid them in 2009"). "after", "before" and "since" are prepositions too
 * ("met after the vote on Monday") and stay out. */
static bool opens_clause(const tok *t)
{
    static const char *const words[] = {"that",  "who",     "whom",     "whose",  "which",
                                        "where", "when",    "while",    "because", "although",
                                        "though", "if",     "unless",   NULL};
    return tok_in(t, words);
}

/* Words a date adjunct set off by commas may carry ("Trump, back in 1999,
 * said"): anything else makes the commas an aside about someone
 * ("McCain, the nominee in 2008, said"), and its date is not the verb's. */
static bool adjunct_word(const tok *t)
{
    return t->kind != TK_WORD || (t->cls & (WC_PREPOSITION | WC_ADVERB)) ||
           tok_is(t, "back") || tok_is(t, "early") || tok_is(t, "late");
}

static uint32_t verb_token(const doc *d, const event *e)
{
    const sent *s = &d->sents.items[e->sent];
    uint32_t k = s->tok_begin;
    while (k + 1 < s->tok_end && d->toks.items[k].start < e->verb_start)
        k++;
    return k;
}

static bool possessive(const tok *t)
{
    return tok_is(t, "his") || tok_is(t, "her") || tok_is(t, "their") || tok_is(t, "its") ||
           tok_is(t, "our") || tok_is(t, "my") || tok_is(t, "your") ||
           tok_is(t, "'s");
}

/* "met the president at the White House in Washington on Monday" is as far
 * as a verb's own date usually stands */
#define MAX_DATE_AFTER_VERB 14

/* "before Nov. 8", "ahead of the June 23 referendum", "his handling of the
 * Sept. 11 cleanup": a date the event is measured from, or one that names
 * another occasion, is not when it happened; "at the Monday meeting" and
 * "on Nov. 8" are. */
static bool other_occasion(const tok *t, const sent *s, const date_mention *m)
{
    static const char *const measured_from[] = {"before", "after", "since", "until", "till",
                                                "following", "preceding", NULL};
    /* a date in a noun phrase after these names the noun's own occasion ("his
     * handling of the Sept. 11 cleanup"); after "at", "with", "in" it is the
     * event's ("at the Monday meeting", "with a Monday tweet") */
    static const char *const of[] = {"of", "to", "for", "about", "from", NULL};
    uint32_t b = m->tok_begin;
    bool det = b > s->tok_begin && (t[b - 1].cls & WC_DETERMINER);
    if (det)
        b--;
    const tok *prep = b > s->tok_begin ? &t[b - 1] : NULL;
    if (prep && (tok_in(prep, measured_from) ||
                 (tok_is(prep, "of") && b >= s->tok_begin + 2 && tok_is(&t[b - 2], "ahead"))))
        return true;
    if (!det || m->tok_end >= s->tok_end)
        return false;
    const tok *noun = &t[m->tok_end];
    bool names_noun = noun->kind == TK_WORD && !(noun->flags & TF_CAP) &&
                      !(noun->cls & (WC_PREPOSITION | WC_FUNCTION | WC_AUXILIARY | WC_ADVERB |
                                     WC_DETERMINER | WC_CONJUNCTION));
    return names_noun && prep && tok_in(prep, of);
}

/* Is the date m said of the verb at token v? Not when a clause opens
 * between the verb and a date after it, nor when the date sits in an aside
 * between commas that the verb is outside of. */
static bool date_of_verb(const doc *d, const sent *s, const date_mention *m, uint32_t v)
{
    const tok *t = d->toks.items;
    if (other_occasion(t, s, m))
        return false;
    if (m->tok_begin > v) {
        if (m->tok_begin - v > MAX_DATE_AFTER_VERB)
            return false;
        for (uint32_t k = v + 1; k < m->tok_begin; k++)
            if (opens_clause(&t[k]) || tok_is(&t[k], ":") || tok_is(&t[k], ";"))
                return false;
        /* "faulted her for her vote in 2002": the date of someone's deed */
        uint32_t b = m->tok_begin;
        return !(b >= v + 4 && (t[b - 1].cls & WC_PREPOSITION) && t[b - 2].kind == TK_WORD &&
                 possessive(&t[b - 3]));
    }
    /* "The county vote is set for June 14, and Lowe has pledged to run":
     * the date in a clause of its own, with its own verb, before the verb's; not "On
     * Monday, Russia, China, and Iran criticized", nor "On Tuesday, while
     * campaigning in Iowa, Clinton criticized" */
    for (uint32_t k = m->tok_end; k + 1 < v; k++) {
        bool cut = tok_is(&t[k], ";") ||
                   (tok_is(&t[k], ",") && (tok_is(&t[k + 1], "and") || tok_is(&t[k + 1], "but") ||
                                           tok_is(&t[k + 1], "while")));
        if (!cut)
            continue;
        for (uint32_t j = s->tok_begin; j < k; j++)
            if ((j < m->tok_begin || j >= m->tok_end) &&
                ((t[j].cls & WC_AUXILIARY) || events_is_finite_verb(d->lex, &t[j])))
                return false;
        break;
    }
    uint32_t open = m->tok_begin, close = m->tok_end;
    while (open > s->tok_begin && !tok_is(&t[open - 1], ","))
        open--;
    while (close < v && !tok_is(&t[close], ","))
        close++;
    if (open == s->tok_begin || close >= v)
        return true; /* no aside: "In 2011, Weiner resigned", "on Monday Trump said" */
    for (uint32_t k = open; k < close; k++)
        if ((k < m->tok_begin || k >= m->tok_end) && !adjunct_word(&t[k]))
            return false;
    return true;
}

/* "On Friday the mayor gave no hint that she meant to resign soon":
 * the day is when a verb in the past did something, whatever the event's
 * own tense */
static bool past_between(const doc *d, const date_mention *m, uint32_t v)
{
    const tok *t = d->toks.items;
    uint32_t b = m->tok_end < v ? m->tok_end : v + 1, e = m->tok_end < v ? v : m->tok_begin;
    for (uint32_t k = b; k < e; k++) {
        /* not inside a relative clause: "On Friday Kasich, who criticized
         * Trump, will meet Obama" */
        if (tok_is(&t[k], "who") || tok_is(&t[k], "which")) {
            while (k + 1 < e && !tok_is(&t[k + 1], ","))
                k++;
            continue;
        }
        if (events_is_past_verb(d->lex, &t[k]))
            return true;
    }
    return false;
}

/* Does the event's date look forward from the article? "will meet on
 * Monday" does; so does "a pact under which she would back him on
 * Friday", but not "stumbled over a query on Friday about how she would
 * build a majority": something said or done in the past frames it. */
static bool looks_ahead(const doc *d, const event *e, const date_mention *m, uint32_t v)
{
    if (e->mode == PETREL_MODE_FUTURE)
        return !past_between(d, m, v);
    if (e->mode != PETREL_MODE_HYPOTHETICAL)
        return false;
    const tok *t = d->toks.items;
    /* "should have criticized him on Friday": a missed chance, in the past */
    if (v > 0 && (tok_is(&t[v - 1], "have") || tok_is(&t[v - 1], "'ve")))
        return false;
    static const char *const not_verbs[] = {"indeed", "hundred", "kindred", "sacred", "naked",
                                            "wicked", "rugged", "beloved", NULL};
    for (uint32_t k = d->sents.items[e->sent].tok_begin; k < v; k++) {
        /* a verb in the past, whether a pattern knows it or not
         * ("struggled"), but not a participle qualifying a noun ("a
         * proposed deal") */
        bool past = events_is_past_verb(d->lex, &t[k]) ||
                    (t[k].kind == TK_WORD && !(t[k].flags & TF_CAP) && t[k].key_len > 4 &&
                     tok_ends_with(&t[k], "ed") && !tok_in(&t[k], not_verbs));
        if (past && !(k > 0 && (t[k - 1].cls & WC_DETERMINER)))
            return false;
    }
    return true;
}

static void retime_actor(const doc *d, event_actor *a, int32_t ymd)
{
    const char *code = a->m ? actors_person_code_at(d, a->m, ymd) : NULL;
    if (code)
        a->code = code;
}

static bool names_year(const tok *t, uint32_t b, uint32_t e)
{
    for (uint32_t k = b; k < e; k++)
        if (t[k].kind == TK_NUMBER && (t[k].end - t[k].start == 4 || t[k].end - t[k].start == 10))
            return true;
    return false;
}

int dates_run(doc *d)
{
    /* with no date to resolve against, only dates that name their year
     * ("in 2011", "June 3, 2019") say when; relative ones would mislead */
    bool undated = !d->date_ymd;
    /* an event takes a date of its own sentence: the others need no reading */
    if (!d->events.len)
        return PETREL_OK;
    bool *has_event = arena_zalloc(d->a, d->sents.len * sizeof *has_event);
    if (!has_event)
        return PETREL_ERR_NOMEM;
    for (uint32_t i = 0; i < d->events.len; i++)
        has_event[d->events.items[i].sent] = true;
    date_vec found = {0};
    for (uint32_t si = 0; si < d->sents.len; si++) {
        if (!has_event[si])
            continue;
        const sent *s = &d->sents.items[si];
        for (uint32_t k = s->tok_begin; k < s->tok_end;) {
            int32_t ymd = 0, next = 0;
            uint32_t n = may_start_date(d->toks.items, k, s->tok_end)
                             ? expression_at(d, k, s->tok_end, &ymd, &next)
                             : 0;
            if (n && ymd > 0 && (!undated || names_year(d->toks.items, k, k + n))) {
                if (!add(d, &found, si, k, k + n, ymd, next))
                    return PETREL_ERR_NOMEM;
                k += n;
            } else {
                k++;
            }
        }
    }
    for (uint32_t i = 0; i < d->events.len; i++) {
        event *e = &d->events.items[i];
        if (e->date_ymd)
            continue; /* dated by its coder (TABARI's time shifts) */
        e->date_ymd = d->date_ymd;
        const date_mention *best = NULL;
        uint32_t best_dist = UINT32_MAX, v = UINT32_MAX;
        for (uint32_t j = 0; j < found.len; j++) {
            const date_mention *m = &found.items[j];
            if (m->sent != e->sent)
                continue;
            if (v == UINT32_MAX)
                v = verb_token(d, e);
            if (!date_of_verb(d, &d->sents.items[e->sent], m, v))
                continue;
            uint32_t ms = d->toks.items[m->tok_begin].start;
            uint32_t dist = ms > e->verb_start ? ms - e->verb_start : e->verb_start - ms;
            if (dist < best_dist) {
                best_dist = dist;
                best = m;
            }
        }
        if (!best)
            continue;
        e->date_ymd = best->ymd_next && looks_ahead(d, e, best, v) ? best->ymd_next : best->ymd;
        e->has_date_text = true;
        e->date_start = d->toks.items[best->tok_begin].start;
        e->date_end = d->toks.items[best->tok_end - 1].end;
        /* "Back in 1999, Trump praised Clinton": people act in the roles
         * they held then, not at the article's date */
        retime_actor(d, &e->source, e->date_ymd);
        if (e->has_target)
            retime_actor(d, &e->target, e->date_ymd);
    }
    return PETREL_OK;
}
