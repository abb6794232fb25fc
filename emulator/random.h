#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace orderlab {

/**
 * xoshiro256** seeded through splitmix64: the one PRNG of the emulator, so that a seed
 * repeats a run exactly on every standard library (std distributions differ between them).
 * Not thread-safe; each owner keeps its own.
 */
class Random
{
  public:
    explicit Random(std::uint64_t seed)
    {
        for (auto &s : m_state)
            s = splitmix64(seed);
    }

    std::uint64_t next()
    {
        const std::uint64_t result = rotl(m_state[1] * 5, 7) * 9;
        const std::uint64_t t = m_state[1] << 17;
        m_state[2] ^= m_state[0];
        m_state[3] ^= m_state[1];
        m_state[1] ^= m_state[2];
        m_state[0] ^= m_state[3];
        m_state[2] ^= t;
        m_state[3] = rotl(m_state[3], 45);
        return result;
    }

    /// The generator's whole state, so that a saved world draws on where it left off (docs/state-files.md).
    using State = std::array<std::uint64_t, 4>;
    State state() const { return {m_state[0], m_state[1], m_state[2], m_state[3]}; }
    void setState(const State &state)
    {
        for (std::size_t i = 0; i < 4; ++i)
            m_state[i] = state[i];
    }

    /// Uniform in [0, bound), without modulo bias; 0 when bound <= 1.
    std::uint64_t uniform(std::uint64_t bound)
    {
        if (bound <= 1)
            return 0;
        const std::uint64_t threshold = (0 - bound) % bound;
        for (;;) {
            const std::uint64_t r = next();
            if (r >= threshold)
                return r % bound;
        }
    }

    /// Uniform in [0, 1).
    double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

    static std::uint64_t splitmix64(std::uint64_t &x)
    {
        std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }

  private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t m_state[4];
};

} // namespace orderlab
