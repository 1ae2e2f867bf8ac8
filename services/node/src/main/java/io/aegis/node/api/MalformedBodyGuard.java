package io.aegis.node.api;

import io.aegis.node.domain.MalformedBodyException;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import jakarta.inject.Singleton;

/**
 * A request body whose framing cannot be decoded (a chunk size that is not hex, say) fails the request.
 * Netty marks such a chunk as failed, but Micronaut reads only the request line's and headers' decoder
 * result: the body simply ended, and a route whose body is optional (a case acknowledgement) ran with
 * none and produced a command. The failure is passed on as an upstream error, so the body is never
 * complete, no route runs with it, and the caller gets a 400.
 */
@Singleton
public class MalformedBodyGuard implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new Customizer(null));
        return event.getBean();
    }

    private record Customizer(Channel channel) implements NettyServerCustomizer {

        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return role == ChannelRole.CONNECTION ? new Customizer(channel) : this;
        }

        @Override
        public void onStreamPipelineBuilt() {
            if (channel == null) {
                return;
            }
            ChannelPipeline pipeline = channel.pipeline();
            for (String codec : new String[]{ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC,
                    ChannelPipelineCustomizer.HANDLER_HTTP_DECODER}) {
                if (pipeline.get(codec) != null) {
                    pipeline.addAfter(codec, "aegis-malformed-body", new FailedContent());
                    return;
                }
            }
        }
    }

    /** Turns a body chunk that failed to decode into an error instead of the end of the body. */
    private static final class FailedContent extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            if (message instanceof HttpContent content && !(message instanceof HttpRequest) && content.decoderResult().isFailure()) {
                Throwable cause = content.decoderResult().cause();
                content.release();
                // answered 400 in the error shape (ErrorHandlers.Malformed)
                ctx.fireExceptionCaught(new MalformedBodyException("malformed request body: " + cause.getMessage()));
                return;
            }
            ctx.fireChannelRead(message);
        }
    }
}
