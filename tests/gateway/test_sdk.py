"""Acceptance 1: the official SDKs work against the gateway with only base_url and api_key changed."""

from __future__ import annotations

import asyncio

import anthropic
import openai

MSG = "Hello Accord, this is a plain sentence."


def test_openai_sync(make_gateway) -> None:
    gw = make_gateway()
    client = gw.openai()
    reply = client.chat.completions.create(model="echo", messages=[{"role": "user", "content": MSG}])
    assert reply.choices[0].message.content == MSG
    assert reply.choices[0].finish_reason == "stop"
    assert reply.usage is not None and reply.usage.completion_tokens > 0

    chunks = list(
        client.chat.completions.create(
            model="echo", messages=[{"role": "user", "content": MSG}], stream=True, stream_options={"include_usage": True}
        )
    )
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text == MSG
    assert chunks[-1].usage is not None and chunks[-1].usage.total_tokens > 0
    assert [c.choices[0].finish_reason for c in chunks if c.choices][-1] == "stop"

    models = [m.id for m in client.models.list()]
    assert models == ["echo"]
    emb = client.embeddings.create(model="echo", input=["a", "b"])
    assert len(emb.data) == 2 and len(emb.data[0].embedding) == 8


def test_openai_async(make_gateway) -> None:
    gw = make_gateway()

    async def main() -> tuple[str, str]:
        client = openai.AsyncOpenAI(base_url=gw.url + "/v1", api_key=gw.key, max_retries=0)
        reply = await client.chat.completions.create(model="echo", messages=[{"role": "user", "content": MSG}])
        stream = await client.chat.completions.create(model="echo", messages=[{"role": "user", "content": MSG}], stream=True)
        parts = [c.choices[0].delta.content or "" async for c in stream if c.choices]
        await client.close()
        return reply.choices[0].message.content or "", "".join(parts)

    plain, streamed = asyncio.run(main())
    assert plain == MSG and streamed == MSG


def test_anthropic_sdk(make_gateway) -> None:
    gw = make_gateway()
    client = gw.anthropic()
    msg = client.messages.create(
        model="echo", max_tokens=100, system="be brief", messages=[{"role": "user", "content": MSG}]
    )
    assert msg.content[0].type == "text" and msg.content[0].text == MSG
    assert msg.stop_reason == "end_turn" and msg.usage.output_tokens > 0

    with client.messages.stream(model="echo", max_tokens=100, messages=[{"role": "user", "content": MSG}]) as stream:
        text = "".join(stream.text_stream)
        final = stream.get_final_message()
    assert text == MSG
    assert final.stop_reason == "end_turn"

    async def run_async() -> str:
        aclient = anthropic.AsyncAnthropic(base_url=gw.url, api_key=gw.key, max_retries=0)
        m = await aclient.messages.create(model="echo", max_tokens=50, messages=[{"role": "user", "content": MSG}])
        await aclient.close()
        return m.content[0].text  # type: ignore[union-attr]

    assert asyncio.run(run_async()) == MSG


def test_sdk_errors_are_typed(make_gateway) -> None:
    gw = make_gateway()
    client = gw.openai(api_key="sk-accord-wrong")
    try:
        client.chat.completions.create(model="echo", messages=[{"role": "user", "content": "x"}])
    except openai.AuthenticationError as exc:
        assert exc.status_code == 401
    else:
        raise AssertionError("a bad key must be refused")
    aclient = gw.anthropic()
    try:
        aclient.messages.create(model="nope", max_tokens=5, messages=[{"role": "user", "content": "x"}])
    except anthropic.NotFoundError as exc:
        assert exc.status_code == 404
        assert exc.body["error"]["type"] == "not_found_error"  # type: ignore[index]
    else:
        raise AssertionError("an unknown model must be 404")
