package dev.omnibridge;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.ProducerTemplate;

/**
 * Base for beans that call a route of their own (a knowledge-base search, a delivery check, a dead-letter replay):
 * the call then shares the route's budget, retries and metrics. Camel injects the context into beans it creates.
 */
public abstract class RouteCaller implements CamelContextAware {

    private CamelContext camelContext;
    private ProducerTemplate producer;

    protected synchronized ProducerTemplate producer() {
        if (producer == null) {
            producer = camelContext.createProducerTemplate();
        }
        return producer;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }
}
