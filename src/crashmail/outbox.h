// Mails not yet delivered, oldest first. A failed mail stays at the head
// and waits for its retry time or the next TICK, so a mail server that is
// down or refusing loses nothing; only a backlog past `capacity` mails
// drops the oldest (a crash loop against a dead server must not eat all
// memory), and the caller says so on stderr.
#pragma once

#include <cstddef>
#include <deque>
#include <optional>

#include "crashmail/mail_message.h"

namespace sn {

class Outbox {
 public:
  explicit Outbox(double retry_seconds, size_t capacity = 1000) : retry_seconds_(retry_seconds), capacity_(capacity) {}

  // Queues a mail; returns the alerts of mails dropped to make room (never
  // the one being sent).
  size_t add(OutgoingMail mail);
  // The mail to send now: the oldest, unless it is already being sent, or
  // failed and its retry time has not come. nullptr when nothing is due.
  const OutgoingMail* due(double now) const;
  // Marks the oldest as being sent and returns it (call when due()).
  const OutgoingMail& begin_sending();
  const OutgoingMail& oldest() const { return mails_.front(); }  // not empty()
  void sent();                                                   // the mail being sent went out
  void failed(double now);                                       // it did not: it waits retry_seconds (or a TICK)
  void retry_now();                                              // a TICK: what failed is due again
  std::optional<double> retry_at() const;
  bool empty() const { return mails_.empty(); }
  size_t size() const { return mails_.size(); }
  size_t alerts() const;

 private:
  double retry_seconds_;
  size_t capacity_;
  std::deque<OutgoingMail> mails_;
  bool sending_ = false;  // mails_.front() is being sent
  std::optional<double> retry_at_;
};

// crashmailbatch's batch clock: each TICK of the chosen kind adds its
// seconds; the batch is complete once they reach the interval. Counted in
// floating-point minutes as superlance does (six TICK_5 make
// 0.49999999999999994 minutes, so --interval=0.5 completes on the 7th).
class BatchWindow {
 public:
  BatchWindow(std::string tick_event, int tick_seconds, double interval_minutes)
      : tick_event_(std::move(tick_event)), tick_seconds_(tick_seconds), interval_minutes_(interval_minutes) {}
  // Returns true when this tick completes the batch (the count restarts).
  bool tick(std::string_view event_name);

 private:
  std::string tick_event_;
  int tick_seconds_;
  double interval_minutes_;
  double minutes_ = 0;
};

}  // namespace sn
