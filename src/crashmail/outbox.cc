#include "crashmail/outbox.h"

namespace sn {

size_t Outbox::add(OutgoingMail mail) {
  mails_.push_back(std::move(mail));
  size_t dropped = 0;
  while (mails_.size() > capacity_) {
    auto oldest = mails_.begin() + (sending_ ? 1 : 0);
    dropped += oldest->alerts;
    if (oldest == mails_.begin()) retry_at_.reset();  // the mail that failed is gone; the next has not
    mails_.erase(oldest);
  }
  return dropped;
}

const OutgoingMail* Outbox::due(double now) const {
  if (mails_.empty() || sending_) return nullptr;
  if (retry_at_ && now < *retry_at_) return nullptr;
  return &mails_.front();
}

const OutgoingMail& Outbox::begin_sending() {
  sending_ = true;
  return mails_.front();
}

void Outbox::sent() {
  if (sending_ && !mails_.empty()) mails_.pop_front();
  sending_ = false;
  retry_at_.reset();
}

void Outbox::failed(double now) {
  sending_ = false;
  retry_at_ = now + retry_seconds_;
}

void Outbox::retry_now() { retry_at_.reset(); }

std::optional<double> Outbox::retry_at() const { return mails_.empty() ? std::nullopt : retry_at_; }

size_t Outbox::alerts() const {
  size_t n = 0;
  for (const auto& mail : mails_) n += mail.alerts;
  return n;
}

bool BatchWindow::tick(std::string_view event_name) {
  if (event_name != tick_event_) return false;
  minutes_ += tick_seconds_ / 60.0;
  if (minutes_ < interval_minutes_) return false;
  minutes_ = 0;
  return true;
}

}  // namespace sn
