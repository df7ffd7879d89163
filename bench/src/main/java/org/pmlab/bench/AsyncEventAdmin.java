package org.pmlab.bench;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * Event Admin's delivery outside a framework: {@code postEvent} queues, one thread delivers to
 * one handler, as Felix Event Admin's asynchronous delivery does for one subscriber.
 */
final class AsyncEventAdmin implements EventAdmin {

    private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>();
    private volatile Consumer<Event> reader = e -> { };
    private final Thread delivery = new Thread(this::deliver, "bench-event-admin");

    AsyncEventAdmin() {
        delivery.setDaemon(true);
        delivery.start();
    }

    void reader(Consumer<Event> handler) {
        reader = handler;
    }

    @Override
    public void postEvent(Event event) {
        queue.add(event);
    }

    @Override
    public void sendEvent(Event event) {
        reader.accept(event);
    }

    private void deliver() {
        try {
            while (true) {
                reader.accept(queue.take());
            }
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        }
    }

    void close() {
        delivery.interrupt();
    }
}
