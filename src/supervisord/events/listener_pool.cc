// Tested by t/unit/listener_pool_test.cc and t/integration/test_events.py.
#include "supervisord/events/listener_pool.h"

#include <cerrno>

#include "lib/events/event_payload.h"

namespace sn {
namespace {

// Event serials are shared by every pool and survive a SIGHUP restart of
// the daemon, as supervisor's module-level counter does.
uint64_t g_next_serial = 0;

std::vector<EventType> parse_types(const std::vector<std::string>& names) {
  std::vector<EventType> types;
  for (const std::string& n : names) {
    if (std::optional<EventType> t = parse_event_type(n)) types.push_back(*t);
  }
  return types;
}

}  // namespace

ListenerPool::ListenerPool(ProcessGroup& group, EventBus& bus, Logger& logger, std::string server_identifier)
    : group_(group), bus_(bus), logger_(logger), server_(std::move(server_identifier)) {
  subscription_ = bus_.subscribe(parse_types(group_.config().events), [this](const Event& e) { accept(e); });
}

ListenerPool::~ListenerPool() { bus_.unsubscribe(subscription_); }

ListenerPool::Listener& ListenerPool::listener(const Process& p) { return listeners_[&p]; }

ListenerState ListenerPool::listener_state(const Process& p) const {
  auto it = listeners_.find(&p);
  return it == listeners_.end() ? ListenerState::kAcknowledged : it->second.protocol.state();
}

void ListenerPool::accept(const Event& event) {
  if (!event.serial) event.serial = g_next_serial++;
  Queued q;
  q.serial = *event.serial;
  q.pool_serial = pool_serial_++;
  q.event = event;
  enqueue(std::move(q), false);
  dispatch();
}

void ListenerPool::enqueue(Queued queued, bool at_head) {
  if (buffer_.size() >= static_cast<size_t>(group_.config().buffer_size) && !buffer_.empty()) {
    logger_.error("pool " + group_.name() + " event buffer overflowed, discarding event " +
                  std::to_string(buffer_.front().serial));
    buffer_.pop_front();
  }
  if (at_head) {
    buffer_.push_front(std::move(queued));
  } else {
    buffer_.push_back(std::move(queued));
  }
}

void ListenerPool::requeue(Queued queued) {
  logger_.debug("rebuffering event " + std::to_string(queued.serial) + " for pool " + group_.name() + " (buf size=" +
                std::to_string(buffer_.size()) + ", max=" + std::to_string(group_.config().buffer_size) + ")");
  enqueue(std::move(queued), true);
}

void ListenerPool::dispatch() {
  while (!buffer_.empty()) {
    if (!send(buffer_.front())) return;  // nobody can take the oldest: wait
    buffer_.pop_front();
  }
}

bool ListenerPool::send(Queued& queued) {
  for (const auto& p : group_.processes()) {
    if (p->state() != ProcessState::kRunning || !p->child()) continue;
    Listener& l = listener(*p);
    if (l.protocol.state() != ListenerState::kReady) continue;
    std::string envelope = event_envelope(
        {server_, queued.serial, group_.name(), queued.pool_serial, queued.event.type}, queued.event.payload);
    if (int err = p->child()->write_stdin(envelope)) {
      // EPIPE (gone) or ENOBUFS (it does not read): try the next listener.
      logger_.debug(std::string(err == EPIPE ? "epipe" : "error " + std::to_string(err)) +
                    " occurred while sending event " + std::to_string(queued.serial) + " to listener " + p->name() +
                    ", listener state unchanged");
      continue;
    }
    l.protocol.event_sent();
    log_transition(*p, ListenerState::kReady, ListenerState::kBusy);
    logger_.debug("event " + std::to_string(queued.serial) + " sent to listener " + p->name());
    l.in_hand = queued;
    return true;
  }
  return false;
}

void ListenerPool::log_transition(const Process& p, ListenerState from, ListenerState to) {
  logger_.debug(p.name() + ": " + std::string(listener_state_name(from)) + " -> " +
                std::string(listener_state_name(to)));
  if (to == ListenerState::kUnknown) {
    logger_.warn(p.name() +
                 ": has entered the UNKNOWN state and will no longer receive events, this usually indicates the "
                 "process violated the eventlistener protocol");
  }
}

void ListenerPool::on_listener_output(Process& p, std::string_view data) {
  Listener& l = listener(p);
  ListenerState current = l.protocol.state();  // as each signal leaves it
  for (const ListenerSignal& s : l.protocol.feed(data)) {
    switch (s.kind) {
      case ListenerSignal::Kind::kReady:
        log_transition(p, current, ListenerState::kReady);
        current = ListenerState::kReady;
        break;
      case ListenerSignal::Kind::kAccepted:
        logger_.debug(p.name() + ": event was processed");
        log_transition(p, ListenerState::kBusy, ListenerState::kAcknowledged);
        current = ListenerState::kAcknowledged;
        l.in_hand.reset();
        break;
      case ListenerSignal::Kind::kRejected:
        logger_.warn(p.name() + ": event was rejected");
        log_transition(p, ListenerState::kBusy, ListenerState::kAcknowledged);
        current = ListenerState::kAcknowledged;
        if (l.in_hand) requeue(std::move(*l.in_hand));
        l.in_hand.reset();
        break;
      case ListenerSignal::Kind::kBadResultLine:
        logger_.warn(p.name() + ": bad result line: '" + s.text + "'");
        log_transition(p, ListenerState::kBusy, ListenerState::kUnknown);
        current = ListenerState::kUnknown;
        if (l.in_hand) requeue(std::move(*l.in_hand));
        l.in_hand.reset();
        break;
      case ListenerSignal::Kind::kViolation:
        log_transition(p, current, ListenerState::kUnknown);
        current = ListenerState::kUnknown;
        break;
    }
  }
  dispatch();
}

void ListenerPool::on_state_changed(Process& p) {
  Listener& l = listener(p);
  if (p.state() == ProcessState::kStarting) {
    l.protocol.reset();  // a new process speaks the protocol from the start
  } else if (p.state() != ProcessState::kRunning && p.state() != ProcessState::kStopping) {
    // Gone: the event it held goes back to the head of the buffer.
    if (l.in_hand) requeue(std::move(*l.in_hand));
    l.in_hand.reset();
  }
  dispatch();
}

}  // namespace sn
